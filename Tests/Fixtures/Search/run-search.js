// Runs the site's own assets/search.js under node against a written index, for SearchScriptTests:
//   node run-search.js SITE_DIR QUERY...
// prints one JSON object: for each query, the result paths in order, the files it loaded, the bytes
// they hold, and each result rendered through a minimal DOM (serialized, to show what is text).
'use strict';
const fs = require('fs');
const path = require('path');

const site = process.argv[2];
const search = require(path.resolve(site, 'assets/search.js'));

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Elements and text nodes with the DOM calls search.js may use; innerHTML throws.
class TextNode {
  constructor(text) { this.text = String(text); }
  serialize() { return escape(this.text); }
}
class Element {
  constructor(tag) { this.tag = tag; this.attributes = {}; this.children = []; this.className = ''; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return this.attributes[name] ?? null; }
  appendChild(child) { this.children.push(child); child.parentNode = this; return child; }
  removeChild(child) { this.children = this.children.filter((c) => c !== child); return child; }
  set textContent(text) { this.children = [new TextNode(text)]; }
  get textContent() { return this.children.map((c) => c instanceof TextNode ? c.text : c.textContent).join(''); }
  set innerHTML(_) { throw new Error('search.js must not set innerHTML'); }
  serialize() {
    const attributes = Object.entries(this.attributes).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
    const cls = this.className ? ` class="${escape(this.className)}"` : '';
    return `<${this.tag}${cls}${attributes}>${this.children.map((c) => c.serialize()).join('')}</${this.tag}>`;
  }
}
const document = {
  createElement: (tag) => new Element(tag),
  createTextNode: (text) => new TextNode(text),
};

async function main() {
  const output = {};
  for (const query of process.argv.slice(3)) {
    const loaded = [];
    let bytes = 0;
    const load = async (file) => {
      loaded.push(file);
      try {
        const data = fs.readFileSync(path.join(site, file));
        bytes += data.length;
        return data.toString('utf8');
      } catch (error) {
        if (error.code === 'ENOENT') return null;
        throw error;
      }
    };
    const cursor = await search.search(query, load);
    const first = await cursor.next(20);
    const firstBytes = bytes;
    const firstFiles = loaded.length;
    const rest = [];
    // SEARCH_FIRST_PAGE_ONLY (scripts/bench-search.py): what one visitor's query downloads, no more.
    while (!process.env.SEARCH_FIRST_PAGE_ONLY && !cursor.done()) rest.push(...await cursor.next(20));
    const results = first.concat(rest);
    output[query] = {
      paths: results.map((r) => r.path),
      candidates: cursor.candidates,
      firstPageBytes: firstBytes,
      firstPageFiles: firstFiles,
      html: first.map((r) => search.renderResult(document, r, cursor.query, { root: '..', chinese: true }).serialize()),
      shard: search.shardOf(query),
    };
  }
  process.stdout.write(JSON.stringify(output));
}

main().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
