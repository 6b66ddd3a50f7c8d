#!/usr/bin/env python3
"""Feed parsing throughput, Newsmill vs Python feedparser, in one run and in CPU time.

Generates a ~5 MB RSS 2.0 feed and a ~5 MB Atom feed whose entries carry full-text HTML content
(Chinese and English paragraphs, entity-escaped as real feeds do) into .build-bench/, parses each
ITERATIONS times with both, and prints MB/s and the ratio.

Usage: scripts/bench-feeds.py [ITERATIONS]   (needs: swift build -c release --product FeedThroughput;
                                             pip install feedparser)"""
import html, json, os, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
scratch = os.path.join(root, '.build-bench')
os.makedirs(scratch, exist_ok=True)
iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 3

paragraph_zh = '国家统计局今日发布数据显示，四月份规模以上工业增加值同比增长百分之六点七，比上月加快二点二个百分点。'
paragraph_en = 'The central bank kept its benchmark rate unchanged on Wednesday, citing steady growth & easing inflation.'

def body(i):
    parts = []
    for j in range(12):
        text = paragraph_zh if (i + j) % 2 else paragraph_en
        parts.append(f'<p>{text} <a href="https://news.example.com/{i}/{j}">链接 {j}</a></p>')
    parts.append(f'<p><img src="https://img.example.com/{i}.jpg" alt="图 {i}"></p>')
    return ''.join(parts)

def rss(target):
    items, size, i = [], 0, 0
    while size < target:
        item = (f'<item><title>第 {i} 条新闻：市场 &amp; 政策</title><link>https://news.example.com/a/{i}.html</link>'
                f'<guid isPermaLink="false">id-{i}</guid><pubDate>Wed, 01 May 2024 10:{i % 60:02d}:00 +0800</pubDate>'
                f'<dc:creator>记者 {i}</dc:creator><category>财经</category>'
                f'<description>{html.escape(body(i)[:300])}</description>'
                f'<content:encoded><![CDATA[{body(i)}]]></content:encoded></item>\n')
        items.append(item)
        size += len(item.encode())
        i += 1
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench RSS</title><link>https://news.example.com/</link>\n'
            + ''.join(items) + '</channel></rss>\n')

def atom(target):
    entries, size, i = [], 0, 0
    while size < target:
        entry = (f'<entry><title>第 {i} 条新闻</title><link href="https://news.example.com/b/{i}.html"/><id>tag:example.com,2024:{i}</id>'
                 f'<published>2024-05-01T10:{i % 60:02d}:00+08:00</published><updated>2024-05-01T11:00:00+08:00</updated>'
                 f'<author><name>记者 {i}</name></author><summary>{html.escape(paragraph_zh)}</summary>'
                 f'<content type="html">{html.escape(body(i))}</content></entry>\n')
        entries.append(entry)
        size += len(entry.encode())
        i += 1
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench Atom</title>'
            '<link href="https://news.example.com/"/><id>urn:bench</id><updated>2024-05-01T00:00:00Z</updated>\n'
            + ''.join(entries) + '</feed>\n')

feeds = {'rss20-5MB.xml': rss(5_000_000), 'atom-5MB.xml': atom(5_000_000)}
for name, text in feeds.items():
    with open(os.path.join(scratch, name), 'w', encoding='utf-8') as f:
        f.write(text)

import feedparser
binary = os.path.join(root, '.build', 'release', 'FeedThroughput')
for name in feeds:
    path = os.path.join(scratch, name)
    raw = open(path, 'rb').read()
    megabytes = len(raw) * iterations / 1e6
    parsed = feedparser.parse(raw)  # warm-up
    start = time.process_time()
    for _ in range(iterations):
        parsed = feedparser.parse(raw)
    peer = time.process_time() - start
    ours = json.loads(subprocess.run([binary, str(iterations), path], capture_output=True, text=True, check=True).stdout)
    print(f'{name}: {len(raw) / 1e6:.1f} MB, {len(parsed.entries)} entries, {iterations} iterations')
    # (No peak RSS here: a child forked from this Python process inherits its high-water mark.
    #  Run .build/release/FeedThroughput 1 FILE from a shell for that.)
    print(f'  newsmill      {megabytes / ours["cpu_seconds"]:8.1f} MB/s')
    print(f'  feedparser    {megabytes / peer:8.1f} MB/s   newsmill/feedparser = {peer / ours["cpu_seconds"]:.1f}')
