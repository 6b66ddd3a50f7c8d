#!/usr/bin/env python3
"""Writes Tests/TopicsTests/Fixtures/companies/texts/*.txt: the plain text (title, then article) of the
62 Chinese golden pages (their hand-labelled `text` in Tests/ExtractionTests/Fixtures/golden/expectations.json)
and of the five sample posts in ../shared/samples/hexo-posts (front matter dropped, tags stripped).
It also writes the hand-labelled text of the platform golden pages (`platforms/…` in the same expectations.json,
GeneralNewsExtractor's test pages) as `platform-*.txt`. The other texts in that folder (`gne-*`, `cx-*`) were
copied by hand from their repositories (see Fixtures/companies/README.md); this script does not write them.
The company labels in labels.json are written by hand; this script only copies the texts.

Usage: scripts/make-company-fixtures.py [SAMPLES_DIR]"""
import glob, html, json, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
samples = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared', 'samples', 'hexo-posts')
out = os.path.join(root, 'Tests', 'TopicsTests', 'Fixtures', 'companies', 'texts')
os.makedirs(out, exist_ok=True)

def strip(markup):
    markup = re.sub(r'(?is)<(script|style).*?</\1>', '', markup)
    markup = re.sub(r'(?s)<!--.*?-->', '', markup)
    text = html.unescape(re.sub(r'<[^>]+>', '\n', markup))
    return '\n'.join(line.strip() for line in text.splitlines() if line.strip())

expectations = json.load(open(os.path.join(root, 'Tests', 'ExtractionTests', 'Fixtures', 'golden', 'expectations.json'), encoding='utf-8'))
for entry in expectations:
    if entry['page'].startswith('platforms/'):
        name = 'platform-' + os.path.basename(entry['page']).replace('.html', '.txt')
        open(os.path.join(out, name), 'w', encoding='utf-8').write(entry.get('title', '') + '\n' + entry['text'] + '\n')
    if entry['page'].startswith('zh/'):
        name = 'golden-' + os.path.basename(entry['page']).replace('.html', '.txt')
        open(os.path.join(out, name), 'w', encoding='utf-8').write(entry.get('title', '') + '\n' + entry['text'] + '\n')
for path in sorted(glob.glob(os.path.join(samples, '*.txt'))):
    text = open(path, encoding='utf-8').read()
    _, front, body = text.split('---\n', 2)
    title = re.search(r"^title: '(.*)'$", front, re.M).group(1).replace("''", "'")
    open(os.path.join(out, 'sample-' + os.path.basename(path)), 'w', encoding='utf-8').write(title + '\n' + strip(body) + '\n')
