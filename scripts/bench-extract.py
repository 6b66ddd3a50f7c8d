#!/usr/bin/env python3
"""Article extraction quality and speed on ../shared/corpora/html-en (181 pages with human-written
ground truth), Newsmill vs trafilatura, readability-lxml and GNE, in one run.

Quality: token-level precision, recall and F1 of each tool's plain text against the ground truth
(tokens: words for Latin text, single characters for CJK), averaged over pages. Speed: pages per
CPU-second, every tool in-process (Newsmill through the ExtractThroughput benchmark binary; its quality
figures come from `newsmill extract --format text`, one process per page).

Usage: scripts/bench-extract.py      (needs: swift build -c release --product newsmill && swift build -c release --product ExtractThroughput;
                                     pip install trafilatura readability-lxml gne lxml)"""
import gzip, json, os, re, resource, subprocess, sys, time
from collections import Counter

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, '..', 'shared', 'corpora', 'html-en')
binary = os.path.join(root, '.build', 'release', 'newsmill')
truth = json.load(open(os.path.join(corpus, 'ground-truth.json')))

def tokens(text):
    return re.findall(r'[\u4e00-\u9fff]|[A-Za-z0-9]+', (text or '').lower())

def f1(predicted, expected):
    p, e = Counter(tokens(predicted)), Counter(tokens(expected))
    common = sum((p & e).values())
    if not p or not e or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(e.values())
    return precision, recall, 2 * precision * recall / (precision + recall)

pages = []
for key, entry in sorted(truth.items()):
    path = os.path.join(corpus, key + '.html.gz')
    if os.path.exists(path):
        pages.append((key, gzip.open(path).read(), entry['articleBody'], entry.get('url')))

def newsmill(raw, url):
    command = [binary, 'extract', '--format', 'text', '-'] + (['--url', url] if url else [])
    return subprocess.run(command, input=raw, capture_output=True).stdout.decode('utf-8', 'replace')

def peers():
    import trafilatura
    from readability import Document
    import lxml.html
    tools = [('trafilatura', lambda raw, url: trafilatura.extract(raw.decode('utf-8', 'replace'), url=url) or ''),
             ('readability-lxml', lambda raw, url: lxml.html.fromstring(Document(raw.decode('utf-8', 'replace')).summary()).text_content())]
    try:
        from gne import GeneralNewsExtractor
        extractor = GeneralNewsExtractor()
        tools.append(('GNE', lambda raw, url: extractor.extract(raw.decode('utf-8', 'replace'))['content']))
    except Exception as error:
        print('GNE unavailable:', error)
    return tools

# Newsmill's speed, in process: the pages unpacked once, extracted three times over.
scratch = os.path.join(root, '.build-bench', 'html-en-pages')
os.makedirs(scratch, exist_ok=True)
for key, raw, expected, url in pages:
    with open(os.path.join(scratch, key + '.html'), 'wb') as out:
        out.write(raw)
speed = json.loads(subprocess.run([os.path.join(root, '.build', 'release', 'ExtractThroughput'), scratch, '3'],
                                  capture_output=True, text=True, check=True).stdout)
newsmill_speed = speed['pages'] / speed['cpu_seconds']

results = {}
for name, tool in [('newsmill', newsmill)] + peers():
    scores = []
    start = time.process_time()
    for key, raw, expected, url in pages:
        try:
            predicted = tool(raw, url)
        except Exception:
            predicted = ''
        scores.append(f1(predicted, expected))
    cpu = time.process_time() - start
    n = len(scores)
    rate = newsmill_speed if name == 'newsmill' else n / cpu
    results[name] = (sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n, sum(s[2] for s in scores) / n, rate)
print(f'html-en: {len(pages)} pages')
print(f'  speed: newsmill is {newsmill_speed / results["trafilatura"][3]:.2f}× trafilatura')
for name, (p, r, f, speed) in results.items():
    print(f'  {name:18s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  {speed:7.1f} pages/CPU-s')
