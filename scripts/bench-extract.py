#!/usr/bin/env python3
"""Article extraction quality and speed on ../shared/corpora/html-en (181 pages with human-written
ground truth), Newsmill vs trafilatura, readability-lxml and GNE, in one run.

Quality: token-level precision, recall and F1 of each tool's plain text against the ground truth
(tokens: words for Latin text, single characters for CJK), averaged over pages. Speed: pages per
CPU-second (Newsmill's in-process figure from `newsmill extract` is not used: the script runs a
release binary once per page and reports its total CPU, process start included).

Usage: scripts/bench-extract.py      (needs: swift build -c release --product newsmill;
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

results = {}
for name, tool in [('newsmill', newsmill)] + peers():
    scores = []
    if name == 'newsmill':
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.process_time()
    for key, raw, expected, url in pages:
        try:
            predicted = tool(raw, url)
        except Exception:
            predicted = ''
        scores.append(f1(predicted, expected))
    cpu = time.process_time() - start
    if name == 'newsmill':
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    n = len(scores)
    results[name] = (sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n, sum(s[2] for s in scores) / n, n / cpu)
print(f'html-en: {len(pages)} pages')
for name, (p, r, f, speed) in results.items():
    print(f'  {name:18s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  {speed:7.1f} pages/CPU-s')
