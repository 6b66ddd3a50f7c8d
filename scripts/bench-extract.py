#!/usr/bin/env python3
"""Article extraction quality and speed, Newsmill vs trafilatura, readability-lxml and GNE, in one run, on two sets:

- html-en: ../shared/corpora/html-en, 181 pages with the scrapinghub benchmark's human-written ground truth;
- html-zh: the 62 pages of ../shared/corpora/html-zh whose article text we labelled by hand
  (Tests/ExtractionTests/Fixtures/html-zh/ground-truth.json; the other 7 hold no single article).

Quality: token-level precision, recall and F1 of each tool's plain text against the ground truth (tokens: words
for Latin text, single characters for CJK), averaged over pages. Newsmill's text comes from
`newsmill extract --format text` (one process per page, raw bytes: it sniffs the encoding itself); the peers get
the page already decoded (UTF-8, else the declared charset, else GB18030), which is the best case for them.
Speed: pages per CPU-second, every tool in process and warm, three passes over the set (Newsmill through the
ExtractThroughput benchmark binary, from raw bytes; the peers from the decoded text).

Usage: scripts/bench-extract.py [html-en|html-zh ...] [--pages] [--newsmill-only]
  needs: swift build -c release --product newsmill && swift build -c release --product ExtractThroughput
         pip install trafilatura readability-lxml gne lxml"""
import gzip, json, os, re, subprocess, sys, time
from collections import Counter

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpora = os.path.join(root, '..', 'shared', 'corpora')
binary = os.path.join(root, '.build', 'release', 'newsmill')

def tokens(text):
    return re.findall(r'[\u4e00-\u9fff]|[A-Za-z0-9]+', (text or '').lower())

def f1(predicted, expected):
    p, e = Counter(tokens(predicted)), Counter(tokens(expected))
    common = sum((p & e).values())
    if not p or not e or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(e.values())
    return precision, recall, 2 * precision * recall / (precision + recall)

def decode(raw):
    declared = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_-]+)', raw[:4096])
    for name in ['utf-8'] + ([declared.group(1).decode()] if declared else []) + ['gb18030']:
        name = 'gb18030' if name.lower() in ('gb2312', 'gbk') else name
        try:
            return raw.decode(name, 'strict' if name == 'utf-8' else 'replace')
        except (UnicodeDecodeError, LookupError):
            pass
    return raw.decode('utf-8', 'replace')

def load(name):
    """[(key, raw bytes, expected text, url)] of one set."""
    pages = []
    if name == 'html-en':
        folder = os.path.join(corpora, 'html-en')
        for key, entry in sorted(json.load(open(os.path.join(folder, 'ground-truth.json'))).items()):
            path = os.path.join(folder, key + '.html.gz')
            if os.path.exists(path):
                pages.append((key, gzip.open(path).read(), entry['articleBody'], entry.get('url')))
    else:
        truth = json.load(open(os.path.join(root, 'Tests', 'ExtractionTests', 'Fixtures', 'html-zh', 'ground-truth.json')))
        for file, entry in sorted(truth.items()):
            pages.append((file, open(os.path.join(corpora, 'html-zh', file), 'rb').read(), entry['articleBody'], None))
    return pages

def newsmill(raw, url):
    command = [binary, 'extract', '--format', 'text', '-'] + (['--url', url] if url else [])
    return subprocess.run(command, input=raw, capture_output=True).stdout.decode('utf-8', 'replace')

def peers():
    import trafilatura
    from readability import Document
    import lxml.html
    tools = [('trafilatura', lambda html, url: trafilatura.extract(html, url=url) or ''),
             ('readability-lxml', lambda html, url: lxml.html.fromstring(Document(html).summary()).text_content())]
    try:
        from gne import GeneralNewsExtractor
        extractor = GeneralNewsExtractor()
        tools.append(('GNE', lambda html, url: extractor.extract(html)['content']))
    except Exception as error:
        print('GNE unavailable:', error)
    return tools

def newsmill_speed(name, pages, passes=3):
    """Pages per CPU-second, in process: the pages written out once, extracted `passes` times over."""
    scratch = os.path.join(root, '.build-bench', name + '-pages')
    os.makedirs(scratch, exist_ok=True)
    for old in os.listdir(scratch):
        os.remove(os.path.join(scratch, old))
    for key, raw, expected, url in pages:
        with open(os.path.join(scratch, key.replace('.html', '') + '.html'), 'wb') as out:
            out.write(raw)
    result = json.loads(subprocess.run([os.path.join(root, '.build', 'release', 'ExtractThroughput'), scratch, str(passes)],
                                       capture_output=True, text=True, check=True).stdout)
    return result['pages'] / result['cpu_seconds']

def peer_speed(tool, pages, decoded, passes=3):
    """Pages per CPU-second of a peer, warm (its quality pass ran first), over `passes` passes."""
    start = time.process_time()
    for _ in range(passes):
        for (key, raw, expected, url), html in zip(pages, decoded):
            try:
                tool(html, url)
            except Exception:
                pass
    return passes * len(pages) / (time.process_time() - start)

def run(name, verbose):
    pages = load(name)
    results, per_page = {}, {}
    tools = [('newsmill', None)] + ([] if '--newsmill-only' in sys.argv else peers())
    decoded = [decode(raw) for key, raw, expected, url in pages]
    for tool_name, tool in tools:
        scores = []
        for (key, raw, expected, url), html in zip(pages, decoded):
            try:
                predicted = newsmill(raw, url) if tool is None else tool(html, url)
            except Exception:
                predicted = ''
            scores.append(f1(predicted, expected))
        per_page[tool_name] = scores
        n = len(scores)
        rate = newsmill_speed(name, pages) if tool is None else peer_speed(tool, pages, decoded)
        results[tool_name] = tuple(sum(s[i] for s in scores) / n for i in range(3)) + (rate,)
    print(f'{name}: {len(pages)} pages')
    if 'trafilatura' in results:
        print(f'  speed: newsmill is {results["newsmill"][3] / results["trafilatura"][3]:.2f}× trafilatura')
    for tool_name, (p, r, f, speed) in results.items():
        print(f'  {tool_name:18s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  {speed:7.1f} pages/CPU-s')
    if verbose:
        best_peer = {key: max([per_page[t][i][2] for t in per_page if t != 'newsmill'] or [0]) for i, (key, *_ ) in enumerate(pages)}
        for i, (key, *_ ) in enumerate(pages):
            p, r, f = per_page['newsmill'][i]
            print(f'    {key[:12]}  P {p:.2f} R {r:.2f} F1 {f:.2f}  best peer {best_peer[key]:.2f}')

if __name__ == '__main__':
    arguments = [a for a in sys.argv[1:] if not a.startswith('-')]
    for name in arguments or ['html-en', 'html-zh']:
        run(name, '--pages' in sys.argv)
