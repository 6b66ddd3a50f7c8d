#!/usr/bin/env python3
"""Deep nesting: time `newsmill extract` and publishing on bodies nested 1k, 10k and 100k deep, and print the growth.

Two shapes: nested <div> and nested <div><span> (inline wrappers keep the text inside every level, so the whole
nest is the article). For each depth and shape the script writes one page and one local RSS feed with one item
whose description is the same nested body (escaped, so the feed's XML itself is flat), then times, wall clock:

- extract: `newsmill extract --format html PAGE` (parse, score, clean, serialize);
- publish: `newsmill run --once` on a fresh config with that feed as its only source and a Hexo output
  (parse the feed, store the item in SQLite, clean and render the post).

Linear work shows as a growth ratio near 10 from one depth to the next (1k -> 10k -> 100k); quadratic work as ~100.
Each timing is the best of --repeat runs (default 3; the 100k runs once when it takes over a minute).

Usage: scripts/bench-nesting.py [--binary PATH] [--repeat N] [--depths 1000,10000,100000]
  default binary: .build/release/newsmill if built (swift build -c release --product newsmill), else .build/debug/newsmill"""
import argparse, html, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = {'div': ['div'], 'div>span': ['div', 'span']}
STORY = '<p>' + 'The story at the bottom of the nest, with a sentence or two of text. ' * 4 + '</p>'

def body(shape, depth):
    tags = SHAPES[shape]
    return (''.join('<%s>' % t for t in tags) * depth + STORY + ''.join('</%s>' % t for t in reversed(tags)) * depth)

def write_inputs(folder, shape, depth):
    content = body(shape, depth)
    page = os.path.join(folder, 'page.html')
    with open(page, 'w') as f:
        f.write('<!DOCTYPE html><html><head><title>Nested</title></head><body>' + content + '</body></html>')
    with open(os.path.join(folder, 'feed.xml'), 'w') as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Nest</title><link>https://nest.example/</link>'
                '<item><title>Nested story</title><link>https://nest.example/1</link><guid>nest-1</guid>'
                '<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description>%s</description></item></channel></rss>'
                % html.escape(content, quote=False))
    return page

def timed(command, cwd=None):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit('failed (%d): %s\n%s' % (result.returncode, ' '.join(command), result.stderr.decode(errors='replace')[-2000:]))
    return elapsed

def publish(binary, folder, run):
    work = os.path.join(folder, 'run%d' % run)
    os.makedirs(work)
    with open(os.path.join(work, 'newsmill.yaml'), 'w') as f:
        f.write('store: newsmill.sqlite\nfulltext: never\noutputs:\n  - format: hexo\n    dir: posts\n'
                'groups:\n  - name: g\n    sources:\n      - site: nest\n        url: %s\n' % os.path.join(folder, 'feed.xml'))
    elapsed = timed([binary, 'run', '--once', '--quiet', '--config', 'newsmill.yaml'], cwd=work)
    posts = os.listdir(os.path.join(work, 'posts'))
    if len(posts) != 1:
        sys.exit('publishing wrote %d posts, expected 1' % len(posts))
    return elapsed

def best(measure, repeat):
    times = [measure(0)]
    for run in range(1, repeat):
        if times[0] > 60:
            break
        times.append(measure(run))
    return min(times)

def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    release = os.path.join(root, '.build', 'release', 'newsmill')
    parser.add_argument('--binary', default=release if os.path.exists(release) else os.path.join(root, '.build', 'debug', 'newsmill'))
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--depths', default='1000,10000,100000')
    args = parser.parse_args()
    depths = [int(d) for d in args.depths.split(',')]
    print('binary: %s' % os.path.relpath(args.binary, root))
    print('%-9s %7s %11s %7s %11s %7s' % ('shape', 'depth', 'extract s', 'growth', 'publish s', 'growth'))
    for shape in SHAPES:
        previous = None
        for depth in depths:
            with tempfile.TemporaryDirectory(prefix='bench-nesting-') as folder:
                page = write_inputs(folder, shape, depth)
                extract = best(lambda run: timed([args.binary, 'extract', '--format', 'html', page]), args.repeat)
                publishing = best(lambda run: publish(args.binary, folder, run), args.repeat)
            growth = lambda now, before: '%7.1f' % (now / before) if before else '%7s' % '-'
            print('%-9s %7d %11.3f %s %11.3f %s' % (shape, depth, extract, growth(extract, previous and previous[0]),
                                                 publishing, growth(publishing, previous and previous[1])))
            sys.stdout.flush()
            previous = (extract, publishing)

if __name__ == '__main__':
    main()
