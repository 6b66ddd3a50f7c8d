#!/usr/bin/env python3
"""Parse and print the text of each corpus folder taken as ONE document, through the CLI, beside
html5ever and lexbor doing the same (parse, then the document's text), in one run, in CPU time.

Every page of ../shared/corpora/html-en and html-zh is decoded to UTF-8 (as bench-parsers.py does)
and the pages are joined into one file per folder. Newsmill: `newsmill html parse --format text FILE`
(a process: start-up, reading, decoding, parsing, the text and writing it out, to /dev/null), and, to
show what the CLI adds, the in-process parse of the same file by ParserThroughput. Peers, in process:
lexbor (selectolax: parse, `.text()`), html5ever (markupever: parse, `.text()`). Best of RUNS.

Usage: scripts/bench-parse-text.py [RUNS]   (needs: swift build -c release --product newsmill and
       --product ParserThroughput; pip install selectolax markupever)"""
import os, resource, subprocess, sys, tempfile, time, json

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpora = os.environ.get('NEWSMILL_CORPORA', os.path.join(root, '..', 'shared', 'corpora'))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
release = os.environ.get('NEWSMILL_RELEASE_DIR', os.path.join(root, '.build', 'release'))


def load(folder):
    import gzip
    def decode(raw):
        for encoding in ('utf-8', 'gb18030'):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass
        return raw.decode('windows-1252', errors='replace')
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith('.gz'):
            pages.append(decode(gzip.open(path).read()))
        elif name.endswith('.html') or name.endswith('.htm'):
            pages.append(decode(open(path, 'rb').read()))
    return pages

def child_cpu(command):
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(os.devnull, 'wb') as sink:
            subprocess.run(command, stdout=sink, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = seconds if best is None else min(best, seconds)
    return best

def in_process(function, text):
    function(text)  # warm-up
    best = None
    for _ in range(runs):
        start = time.process_time()
        function(text)
        seconds = time.process_time() - start
        best = seconds if best is None else min(best, seconds)
    return best

from selectolax.lexbor import LexborHTMLParser
import markupever
peers = [
    ('lexbor (selectolax): parse + text', lambda text: LexborHTMLParser(text).root.text()),
    ('lexbor (selectolax): parse only', lambda text: LexborHTMLParser(text)),
    ('html5ever (markupever): parse + text', lambda text: markupever.parse(text, markupever.HtmlOptions()).root().text()),
    ('html5ever (markupever): parse only', lambda text: markupever.parse(text, markupever.HtmlOptions())),
]

for folder in ('html-en', 'html-zh'):
    document = '\n'.join(load(os.path.join(corpora, folder)))
    data = document.encode('utf-8')
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, folder + '.html')
        open(path, 'wb').write(data)
        rows = [('newsmill html parse --format text', child_cpu([os.path.join(release, 'newsmill'), 'html', 'parse', '--format', 'text', path]))]
        throughput = os.path.join(release, 'ParserThroughput')
        if os.path.exists(throughput):
            os.mkdir(os.path.join(scratch, 'one'))
            os.link(path, os.path.join(scratch, 'one', 'one.html'))
            output = json.loads(subprocess.check_output([throughput, os.path.join(scratch, 'one'), str(runs)]))
            rows.append(('newsmill parse only (in process)', output['cpu_seconds'] / runs))
    for name, function in peers:
        rows.append((name, in_process(function, document)))
    print('%s as one document: %.1f MB (UTF-8), best of %d' % (folder, len(data) / 1e6, runs))
    ours = rows[0][1]
    for name, seconds in rows:
        speed = len(data) / seconds / 1e6
        ratio = '' if name.startswith('newsmill') else '  newsmill CLI/peer = %.2f' % (seconds / ours)
        print('  %-40s %8.1f MB/s  (%.3f s)%s' % (name, speed, seconds, ratio))
