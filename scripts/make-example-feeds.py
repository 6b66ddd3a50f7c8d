#!/usr/bin/env python3
"""Builds the bundled example feeds from the five sample Hexo posts (their titles, dates and
bodies become item descriptions; the 每经网 item has no date, as in the wild).

Usage: scripts/make-example-feeds.py SAMPLES_DIR  (writes example/feeds/*.xml)"""
import os, re, sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
samples = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared', 'samples', 'hexo-posts')

def read(name):
    text = open(os.path.join(samples, name), encoding='utf-8').read()
    front, body = text.split('\n---\n', 2)[1], text.split('\n---\n', 2)[2]
    title = re.search(r"^title: '(.*)'$", front, re.M).group(1).replace("''", "'")
    date = re.search(r'^date: (.*)$', front, re.M).group(1)
    body = body.strip()
    assert body.startswith('<div>') and body.endswith('</div>')
    body = body[len('<div>'):-len('</div>')].strip()
    body = body.replace('&#123;', '{').replace('&#125;', '}')
    return title, date, body

beijing = timezone(timedelta(hours=8))
sina_items = []
for name, doc in [('000_eda5813bcfe087e8.txt', 'imyzuvx1784121'), ('002_ea1917d2bd379e7c.txt', 'kqhwhrk5622110'),
                  ('003_80468b9762698496.txt', 'imizmscu3526447'), ('004_2ab50a07b353ce4b.txt', 'imizirav2094371')]:
    title, date, body = read(name)
    when = datetime.strptime(date, '%a, %d %b %Y %H:%M:%S GMT').replace(tzinfo=timezone.utc).astimezone(beijing)
    link = 'https://finance.sina.com.cn/china/%s/doc-%s.shtml' % (when.strftime('%Y-%m-%d'), doc)
    sina_items.append('''    <item>
      <title><![CDATA[%s]]></title>
      <description><![CDATA[%s]]></description>
      <pubDate>%s</pubDate>
      <guid>%s</guid>
      <link>%s</link>
    </item>''' % (title, body, when.strftime('%a, %d %b %Y %H:%M:%S +0800'), link, link))

sina = '''<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title><![CDATA[新浪财经－国內]]></title>
    <link>https://finance.sina.com.cn/china/</link>
    <atom:link href="https://rsshub.app/sina/finance" rel="self" type="application/rss+xml" />
    <description><![CDATA[新浪财经－国內 - Made with love by RSSHub(https://github.com/DIYgod/RSSHub)]]></description>
    <generator>RSSHub</generator>
    <language>zh-cn</language>
    <ttl>5</ttl>
%s
  </channel>
</rss>
''' % '\n'.join(sina_items)

title, _, body = read('001_bdab65a3409fa631.txt')
nbd = '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>每经网 - 重磅原创</title>
  <link href="http://www.nbd.com.cn/columns/332" />
  <id>http://www.nbd.com.cn/columns/332</id>
  <updated>2021-04-11T00:00:00Z</updated>
  <entry>
    <title>%s</title>
    <link href="http://www.nbd.com.cn/articles/2021-04-10/1696541.html" />
    <id>http://www.nbd.com.cn/articles/2021-04-10/1696541.html</id>
    <content type="html">%s</content>
  </entry>
</feed>
''' % (escape(title), escape(body))

out = os.path.join(root, 'example', 'feeds')
os.makedirs(out, exist_ok=True)
open(os.path.join(out, 'sina-finance-china.xml'), 'w', encoding='utf-8').write(sina)
open(os.path.join(out, 'nbd-original.xml'), 'w', encoding='utf-8').write(nbd)
print('wrote', out)
