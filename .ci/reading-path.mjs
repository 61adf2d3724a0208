// reading-path.mjs: a second opinion on a tier page's reading level, independent
// of Strata's Go code. It reads a rendered page (a file of `strata build`, or a
// URL of a running server), takes its reading path the way a reader meets it —
// the lede, the tier's text and the closing section, leaving out what is inside
// closed <details> or `hidden`, headings, labels (callout titles, <summary>),
// tables, figures, code and citation numbers — and scores it with the npm
// `flesch-kincaid` and `syllable` packages, splitting sentences and words with
// Intl.Segmenter.
//
//   node .ci/reading-path.mjs [--text] MODULES_DIR PAGE.html|URL
//
// MODULES_DIR is a node_modules folder holding flesch-kincaid and syllable.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
const showText = args[0] === '--text'
if (showText) args.shift()
if (args.length !== 2) {
  console.error('usage: node reading-path.mjs [--text] MODULES_DIR PAGE.html|URL')
  process.exit(2)
}
const [modules, page] = args
const { fleschKincaid } = await import(pathToFileURL(join(modules, 'flesch-kincaid', 'index.js')))
const { syllable } = await import(pathToFileURL(join(modules, 'syllable', 'index.js')))
const html = /^https?:/.test(page) ? await (await fetch(page)).text() : await readFile(page, 'utf8')

const voids = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
const skipTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'summary', 'table', 'figure', 'pre', 'script', 'style', 'template'])
const hasClass = (attrs, c) => new RegExp(`\\bclass="[^"]*\\b${c}\\b[^"]*"`).test(attrs)
const hasAttr = (attrs, a) => new RegExp(`(^|\\s)${a}(=|\\s|$)`).test(attrs)

const decode = (s) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[e.toLowerCase()] ?? m
})

const blocks = []
let cur = ''
const flush = () => { if (cur.trim()) blocks.push(cur.replace(/\s+/g, ' ').trim()); cur = '' }
const stack = [] // {tag, collect, skip}
const top = () => stack[stack.length - 1] ?? { collect: false, skip: false }
const token = /<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/gi
let m
while ((m = token.exec(html)) !== null) {
  const [, close, rawTag, attrs = '', text] = m
  if (text !== undefined) {
    const t = top()
    if (t.collect && !t.skip) cur += decode(text)
    continue
  }
  if (!rawTag) continue
  const tag = rawTag.toLowerCase()
  if (close) {
    // Pop up to the matching element (the markup is well formed).
    let i = stack.length - 1
    while (i >= 0 && stack[i].tag !== tag) i--
    if (i >= 0) stack.length = i
    if (tag === 'p' || tag === 'li') flush()
    continue
  }
  if (voids.has(tag) || attrs.trim().endsWith('/')) continue
  const parent = top()
  const collect = parent.collect || (tag === 'p' && hasClass(attrs, 'lede')) ||
    hasClass(attrs, 'tier-body') || (tag === 'section' && hasClass(attrs, 'closing'))
  const skip = parent.skip || skipTags.has(tag) || hasAttr(attrs, 'hidden') ||
    (tag === 'details' && !hasAttr(attrs, 'open')) || hasClass(attrs, 'callout-title') ||
    (tag === 'sup' && hasClass(attrs, 'cite'))
  if (tag === 'p' || tag === 'li') flush()
  stack.push({ tag, collect, skip })
  if (tag === 'script' || tag === 'style') { // raw text: jump to its end tag
    const end = html.toLowerCase().indexOf(`</${tag}`, token.lastIndex)
    token.lastIndex = end < 0 ? html.length : end
  }
}
flush()

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })
const words = new Intl.Segmenter('en', { granularity: 'word' })
const counts = { sentence: 0, word: 0, syllable: 0 }
for (const block of blocks) {
  for (const { segment } of sentences.segment(block)) {
    const ws = [...words.segment(segment)].filter((w) => w.isWordLike).map((w) => w.segment)
    if (ws.length === 0) continue
    counts.sentence++
    counts.word += ws.length
    for (const w of ws) counts.syllable += syllable(w)
  }
}
if (showText) console.log(blocks.join('\n\n') + '\n')
console.log(JSON.stringify({ ...counts, grade: Math.round(fleschKincaid(counts) * 100) / 100 }))
