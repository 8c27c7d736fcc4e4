// File names made from what clerks type (unit names, input names) must be valid on every system
// the outputs travel to, Windows first: no `< > : " / \ | ? *` or control characters, no
// trailing dot or space (Windows drops them, so two names could become one), none of the device
// names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension: `nul.xlsx` is the null device),
// and not too long for a path.

// eslint-disable-next-line no-control-regex -- control characters are what this pattern removes
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Device names, also with superscript digits (COM¹), which Windows reserves too. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Characters kept of a name; with a folder path the whole must stay under Windows' 260. */
const MAX_LENGTH = 150;

/**
 * A single file name (no folders) that is valid on Windows, macOS and Linux and says the same:
 * forbidden characters become `-`, runs of spaces and dashes collapse, trailing dots and spaces
 * go, a device name gets a `_` after it (`CON.xlsx` → `CON_.xlsx`), and a name left empty
 * becomes `fallback`. NFC, so that macOS and Windows agree on the bytes. The extension (from the
 * last dot) is kept whole when the name is shortened.
 */
export function safeFileName(name: string, fallback = 'tep'): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '-').replace(/\s+/g, ' ').replace(/-{2,}/g, '-').trim();
  s = s.replace(/[. ]+$/, '');
  const dot = s.lastIndexOf('.');
  let stem = dot > 0 ? s.slice(0, dot) : s;
  let ext = dot > 0 ? s.slice(dot) : '';
  if (ext.length > 20) {
    stem = s;
    ext = '';
  }
  stem = stem.replace(/[. ]+$/, '');
  if (!stem || /^[-. ]*$/.test(stem)) stem = fallback;
  // The device check is on the part before the first dot: `aux.checked.xlsx` is AUX too.
  const first = (stem.split('.')[0] ?? '').trim();
  if (RESERVED.test(first)) stem = `${first}_${stem.slice(first.length)}`;
  const room = MAX_LENGTH - ext.length;
  if (stem.length > room)
    stem = [...stem]
      .slice(0, room)
      .join('')
      .replace(/[. ]+$/, '');
  return stem + ext;
}
