// TCVN3 (ABC), the 8-bit Vietnamese of the .VnTime fonts old registers are still typed in, as the
// fixture scripts plant it (scripts/fixture-kit.js, scripts/make-hostile.js); apart from tiendo's code
// on purpose: the fixtures are the oracle of its reader. One byte per precomposed lower-case letter. Checked against glibc's
// TCVN5712-1 table (`iconv -f TCVN5712-1`), of which the ABC fonts use the lower-case half. In an xlsx the
// byte is stored as the Latin-1 character of the same code (0xD4 → "Ô").
const TCVN3 = {
  ă: 0xa8,
  â: 0xa9,
  ê: 0xaa,
  ô: 0xab,
  ơ: 0xac,
  ư: 0xad,
  đ: 0xae,
  à: 0xb5,
  ả: 0xb6,
  ã: 0xb7,
  á: 0xb8,
  ạ: 0xb9,
  ằ: 0xbb,
  ẳ: 0xbc,
  ẵ: 0xbd,
  ắ: 0xbe,
  ặ: 0xc6,
  ầ: 0xc7,
  ẩ: 0xc8,
  ẫ: 0xc9,
  ấ: 0xca,
  ậ: 0xcb,
  è: 0xcc,
  ẻ: 0xce,
  ẽ: 0xcf,
  é: 0xd0,
  ẹ: 0xd1,
  ề: 0xd2,
  ể: 0xd3,
  ễ: 0xd4,
  ế: 0xd5,
  ệ: 0xd6,
  ì: 0xd7,
  ỉ: 0xd8,
  ĩ: 0xdc,
  í: 0xdd,
  ị: 0xde,
  ò: 0xdf,
  ỏ: 0xe1,
  õ: 0xe2,
  ó: 0xe3,
  ọ: 0xe4,
  ồ: 0xe5,
  ổ: 0xe6,
  ỗ: 0xe7,
  ố: 0xe8,
  ộ: 0xe9,
  ờ: 0xea,
  ở: 0xeb,
  ỡ: 0xec,
  ớ: 0xed,
  ợ: 0xee,
  ù: 0xef,
  ủ: 0xf1,
  ũ: 0xf2,
  ú: 0xf3,
  ụ: 0xf4,
  ừ: 0xf5,
  ử: 0xf6,
  ữ: 0xf7,
  ứ: 0xf8,
  ự: 0xf9,
  ỳ: 0xfa,
  ỷ: 0xfb,
  ỹ: 0xfc,
  ý: 0xfd,
  ỵ: 0xfe,
};
const TCVN3_CAPITALS = { Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7 };
/** Unicode → the text a .VnTime cell holds; throws on a letter the ABC fonts cannot type (a toned capital: the H font). */
export function toTcvn3(s) {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = TCVN3[ch] ?? TCVN3_CAPITALS[ch];
    if (code !== undefined) out += String.fromCharCode(code);
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (TCVN3[ch.toLowerCase()] !== undefined) throw new Error(`TCVN3 .VnTime has no toned capital "${ch}": use the H font`);
    else throw new Error(`not TCVN3: "${ch}"`);
  }
  return out;
}
