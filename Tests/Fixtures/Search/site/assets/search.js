// Newsmill site search: reads ?q=, loads only the index shards of the query's terms (and the files of
// the results it shows) from this site, and renders the results with DOM calls (never HTML strings).
(function () {
  'use strict';

  var SHARDS = 4096;
  var BUCKET = 16384;
  var PAGE = 20;
  var MAX_WORD = 40;
  var WORD = /[\p{L}\p{M}\p{N}]/u;
  var ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charAt(i)] = i;

  // Han (with extensions and compatibility forms), kana and Hangul syllables: as SearchTerms.isCJK.
  function isCJK(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
  }

  // One code point folded as the index folds it: full-width ASCII to ASCII, ideographic space to a
  // space, lower case for all but CJK.
  function foldCodePoint(cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; else if (cp === 0x3000) cp = 0x20;
    var s = String.fromCodePoint(cp);
    return isCJK(cp) ? s : s.toLowerCase();
  }

  // The folded text and, for each UTF-16 offset of it, the offset in the original it came from.
  function foldWithMap(text) {
    var out = '', map = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), width = cp > 0xFFFF ? 2 : 1;
      var f = foldCodePoint(cp);
      for (var k = 0; k < f.length; k++) map.push(i);
      out += f;
      i += width;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  function fold(text) { return foldWithMap(text).text; }

  // The runs of a text: {word: 'ai'} or {cjk: ['芯', '片']}, as SearchTerms.runs.
  function runs(text) {
    var result = [], word = [], cjk = [];
    function endWord() { if (word.length) result.push({ word: word.join('') }); word = []; }
    function endCJK() { if (cjk.length) result.push({ cjk: cjk }); cjk = []; }
    for (var ch of fold(text)) {
      var cp = ch.codePointAt(0);
      if (isCJK(cp)) { endWord(); cjk.push(ch); }
      else if (WORD.test(ch)) { endCJK(); if (word.length < MAX_WORD) word.push(ch); }
      else { endWord(); endCJK(); }
    }
    endWord(); endCJK();
    return result;
  }

  // The terms every result must have, the CJK phrases (3+ characters) the text must confirm, and
  // the pieces to highlight: as SearchQuery.
  function parseQuery(text) {
    var terms = [], phrases = [], words = [], seen = {};
    function add(t) { if (!seen[t]) { seen[t] = true; terms.push(t); } }
    runs(text).forEach(function (run) {
      if (run.word !== undefined) { add(run.word); words.push(run.word); return; }
      var c = run.cjk;
      if (c.length === 1) { add(c[0]); words.push(c[0]); return; }
      for (var i = 0; i + 1 < c.length; i++) add(c[i] + c[i + 1]);
      if (c.length > 2) phrases.push(c.join(''));
      words.push(c.join(''));
    });
    return { terms: terms, phrases: phrases, highlights: words };
  }

  var encoder = typeof TextEncoder !== 'undefined' ? new TextEncoder() : null;

  // FNV-1a (32 bits) of the term's UTF-8 bytes, modulo the shard count: as SearchTerm.shard.
  function shardOf(term) {
    var bytes = encoder.encode(term), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h % SHARDS;
  }

  function shardPath(term) {
    var hex = shardOf(term).toString(16);
    while (hex.length < 3) hex = '0' + hex;
    return 'search/terms/' + hex + '.txt';
  }

  function documentPath(n) { return 'search/docs/' + Math.floor(n / BUCKET) + '/' + n + '.json'; }

  // A posting list: deltas in base 32, digits 0-v end a number and w-_ continue it (PostingCode).
  function decodeList(s) {
    var out = [], value = 0, previous = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charAt(i)];
      if (d === undefined) throw new Error('bad posting list character ' + s.charAt(i));
      if (d >= 32) value = value * 32 + (d - 32);
      else { previous += value * 32 + d; out.push(previous); value = 0; }
    }
    return out;
  }

  // The {all, title} lists of `term` in a shard's text, or null when the shard lacks it.
  function findTerm(shardText, term) {
    if (!shardText) return null;
    var key = term + '\t', at = shardText.startsWith(key) ? 0 : shardText.indexOf('\n' + key);
    if (at < 0) return null;
    if (at > 0) at += 1;
    var end = shardText.indexOf('\n', at);
    var fields = shardText.slice(at, end < 0 ? undefined : end).split('\t');
    return { all: decodeList(fields[1] || ''), title: decodeList(fields[2] || '') };
  }

  function intersect(lists) {
    if (!lists.length) return [];
    lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
    var result = lists[0];
    for (var k = 1; k < lists.length && result.length; k++) {
      var other = lists[k], next = [], j = 0;
      for (var i = 0; i < result.length; i++) {
        while (j < other.length && other[j] < result[i]) j++;
        if (j < other.length && other[j] === result[i]) next.push(result[i]);
      }
      result = next;
    }
    return result;
  }

  // Candidate document numbers for a parsed query, best first: those with every term in the title,
  // then the others; newer first within each (numbers order by date). `load(path)` resolves to a
  // file's text, or null when there is no such file.
  async function candidates(query, load) {
    if (!query.terms.length) return { numbers: [], titleCount: 0 };
    var shards = {};
    var found = await Promise.all(query.terms.map(async function (term) {
      var path = shardPath(term);
      if (!(path in shards)) shards[path] = load(path);
      return findTerm(await shards[path], term);
    }));
    if (found.some(function (f) { return f === null; })) return { numbers: [], titleCount: 0 };
    var all = intersect(found.map(function (f) { return f.all; }));
    var title = intersect(found.map(function (f) { return f.title; }));
    var inTitle = {};
    title.forEach(function (n) { inTitle[n] = true; });
    var rest = all.filter(function (n) { return !inTitle[n]; });
    return { numbers: title.reverse().concat(rest.reverse()), titleCount: title.length };
  }

  // Whether a document holds every phrase of the query (its terms are known from the index).
  function confirms(query, doc) {
    if (!query.phrases.length) return true;
    var text = fold(doc.title) + '\n' + fold(doc.text);
    return query.phrases.every(function (p) { return text.indexOf(p) >= 0; });
  }

  // A cursor over a query's results: next(count) resolves to up to `count` more confirmed documents
  // (each with its number), loading the documents' files a few at a time.
  async function search(queryText, load) {
    var query = parseQuery(queryText);
    var found = await candidates(query, load);
    var position = 0, confirmed = 0;
    return {
      query: query,
      candidates: found.numbers.length,
      exact: query.phrases.length === 0,
      done: function () { return position >= found.numbers.length; },
      confirmed: function () { return confirmed; },
      next: async function (count) {
        var results = [];
        while (results.length < count && position < found.numbers.length) {
          var batch = found.numbers.slice(position, position + Math.max(count - results.length, 4));
          position += batch.length;
          var docs = await Promise.all(batch.map(function (n) {
            return load(documentPath(n)).then(function (text) { return text ? JSON.parse(text) : null; });
          }));
          docs.forEach(function (doc, k) {
            if (doc && confirms(query, doc)) { doc.number = batch[k]; results.push(doc); }
          });
        }
        confirmed += results.length;
        return results;
      }
    };
  }

  // Ranges [start, end) of `text` (UTF-16 offsets of the original) where a highlight piece occurs;
  // a word piece only as a whole word.
  function highlightRanges(text, pieces) {
    var folded = foldWithMap(text), ranges = [];
    pieces.forEach(function (piece) {
      if (!piece) return;
      var wordPiece = !isCJK(piece.codePointAt(0));
      for (var at = folded.text.indexOf(piece); at >= 0; at = folded.text.indexOf(piece, at + 1)) {
        var end = at + piece.length;
        if (wordPiece && (WORD.test(folded.text.charAt(at - 1)) || WORD.test(folded.text.charAt(end)))) continue;
        ranges.push([folded.map[at], folded.map[end]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  // A short piece of `text` around its first highlight: {text, ranges} with ranges relative to it.
  function snippet(text, pieces, width) {
    width = width || 160;
    text = String(text || '').replace(/\s+/g, ' ').trim();
    var ranges = highlightRanges(text, pieces);
    var start = ranges.length ? Math.max(0, ranges[0][0] - Math.floor(width / 3)) : 0;
    var end = Math.min(text.length, start + width);
    var piece = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
    var shift = start > 0 ? 1 - start : -start;
    var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] + shift, r[1] + shift]; });
    return { text: piece, ranges: inside };
  }

  // Appends `text` to `element` as text nodes, with <mark> around the ranges.
  function appendMarked(doc, element, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) element.appendChild(doc.createTextNode(text.slice(at, r[0])));
      var mark = doc.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      element.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) element.appendChild(doc.createTextNode(text.slice(at)));
  }

  function formatDate(seconds, chinese) {
    var d = new Date(seconds * 1000);
    if (isNaN(d.getTime())) return '';
    function two(n) { return (n < 10 ? '0' : '') + n; }
    if (chinese) return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  // A link to a story: its site-relative path under the site's root (never a scheme of its own).
  function storyHref(root, path) {
    path = String(path || '').replace(/^\/+/, '');
    return (root && root !== '.' ? root.replace(/\/+$/, '') + '/' : './') + path;
  }

  // One result as a list item: the linked title, the date and source, the snippet.
  function renderResult(doc, result, query, options) {
    var item = doc.createElement('li');
    item.className = 'search-result';
    var heading = doc.createElement('h2');
    var link = doc.createElement('a');
    link.setAttribute('href', storyHref(options.root, result.path));
    var title = String(result.title || '');
    appendMarked(doc, link, title, highlightRanges(title, query.highlights));
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = doc.createElement('p');
    meta.className = 'search-meta';
    meta.textContent = [formatDate(result.date, options.chinese), String(result.source || '')]
      .filter(Boolean).join(' · ');
    item.appendChild(meta);
    var s = snippet(result.text, query.highlights);
    var body = doc.createElement('p');
    body.className = 'search-snippet';
    appendMarked(doc, body, s.text, s.ranges);
    item.appendChild(body);
    return item;
  }

  var WORDS = {
    en: { searching: 'Searching…', none: 'No stories found for “%q”.', count: '%n stories found for “%q”.',
      atLeast: 'At least %n stories found for “%q”.', more: 'More results', failed: 'Search failed: %e',
      empty: 'Type a word to search.' },
    zh: { searching: '正在搜索…', none: '没有找到包含“%q”的文章。', count: '找到 %n 篇包含“%q”的文章。',
      atLeast: '至少找到 %n 篇包含“%q”的文章。', more: '更多结果', failed: '搜索失败：%e',
      empty: '请输入要搜索的词。' }
  };

  function say(words, key, values) {
    return words[key].replace('%q', values.q || '').replace('%n', values.n || 0).replace('%e', values.e || '');
  }

  // Reads a site file relative to the root: fetch() over http(s), XMLHttpRequest from file:// (where
  // fetch is refused). Resolves to null for a missing file.
  function makeLoader(root, location) {
    var base = root && root !== '.' ? root.replace(/\/+$/, '') + '/' : '';
    return function (path) {
      var url = base + path;
      if (location.protocol !== 'file:' && typeof fetch === 'function') {
        return fetch(url).then(function (response) {
          if (response.status === 404) return null;
          if (!response.ok) throw new Error(url + ' → HTTP ' + response.status);
          return response.text();
        });
      }
      return new Promise(function (resolve) {
        var request = new XMLHttpRequest();
        request.onload = function () { resolve(request.status === 0 || request.status === 200 ? request.responseText : null); };
        request.onerror = function () { resolve(null); };
        request.open('GET', url);
        request.send();
      });
    };
  }

  // Runs the search page: fills the input from ?q= and shows the results in #search-results.
  async function start(doc, location, load) {
    var html = doc.documentElement;
    var root = html.getAttribute('data-root') || '.';
    var words = /^zh/i.test(html.getAttribute('lang') || '') ? WORDS.zh : WORDS.en;
    var input = doc.getElementById('search-q');
    var container = doc.getElementById('search-results');
    if (!container) return;
    var q = new URLSearchParams(location.search).get('q') || '';
    if (input) input.value = q;
    var status = doc.createElement('p');
    status.className = 'search-status';
    container.appendChild(status);
    if (!q.trim()) { status.textContent = say(words, 'empty', {}); return; }
    status.textContent = say(words, 'searching', {});
    var list = doc.createElement('ol');
    list.className = 'search-list';
    container.appendChild(list);
    var options = { root: root, chinese: words === WORDS.zh };
    try {
      var cursor = await search(q, load || makeLoader(root, location));
      var more = doc.createElement('button');
      more.setAttribute('type', 'button');
      more.className = 'search-more';
      more.textContent = say(words, 'more', {});
      var showPage = async function () {
        more.disabled = true;
        var page = await cursor.next(PAGE);
        page.forEach(function (result) { list.appendChild(renderResult(doc, result, cursor.query, options)); });
        var n = cursor.exact ? cursor.candidates : cursor.confirmed();
        var key = n === 0 && cursor.done() ? 'none' : cursor.exact || cursor.done() ? 'count' : 'atLeast';
        status.textContent = say(words, key, { q: q.trim(), n: n });
        more.disabled = false;
        if (cursor.done() && more.parentNode) more.parentNode.removeChild(more);
      };
      await showPage();
      if (!cursor.done()) {
        container.appendChild(more);
        more.addEventListener('click', function () { showPage(); });
      }
    } catch (error) {
      status.textContent = say(words, 'failed', { e: error && error.message ? error.message : String(error) });
    }
  }

  var api = {
    fold: fold, runs: runs, parseQuery: parseQuery, shardOf: shardOf, shardPath: shardPath,
    documentPath: documentPath, decodeList: decodeList, findTerm: findTerm, intersect: intersect,
    candidates: candidates, confirms: confirms, search: search, highlightRanges: highlightRanges,
    snippet: snippet, renderResult: renderResult, start: start
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    var run = function () { start(document, window.location); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else run();
  }
})();