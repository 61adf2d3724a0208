// Reads a BibTeX or RIS file with Citation.js (an independent parser, used by the
// export tests) and prints the items as CSL-JSON. Usage:
//   NODE_PATH=<node_modules> node citationjs.js bibtex|ris FILE
const fs = require('fs');
const { Cite, plugins } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');

const [format, file] = process.argv.slice(2);
const types = { bibtex: '@bibtex/text', ris: '@ris/file' };
if (!types[format]) {
  console.error('format must be bibtex or ris');
  process.exit(2);
}
// Strict: a parse problem is an error, not a silently dropped entry.
// strict off: required-field rules of classic BibTeX are not syntax.
const cite = new Cite(fs.readFileSync(file, 'utf8'), { forceType: types[format] });
process.stdout.write(JSON.stringify(cite.data, null, 2) + '\n');
