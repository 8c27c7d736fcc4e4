import '../dist/cli.js';
