#!/usr/bin/env python3
"""Writes the feed test corpus in Tests/FeedParsingTests/Fixtures/feeds: one file per format,
namespace, ill-formed case and encoding. Encoded files are written with Python's codecs so that
their bytes are real GBK, Big5, Shift_JIS… Run again after editing; the files are committed."""
import os

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'FeedParsingTests', 'Fixtures', 'feeds')
os.makedirs(out, exist_ok=True)

def write(name, text, encoding='utf-8', bom=b''):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bom + text.encode(encoding))

write('rss20-namespaces.xml', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel xml:base="https://news.example.com/finance/">
  <title>新浪财经－国內</title>
  <atom:link href="https://rsshub.app/sina/finance" rel="self" type="application/rss+xml"/>
  <link>https://finance.sina.com.cn/china/</link>
  <item>
    <title>央行：保持流动性合理充裕</title>
    <link>articles/2024-05-01/1.html</link>
    <guid isPermaLink="false">sina-2024-0501-1</guid>
    <description><![CDATA[<p>摘要 <b>一</b></p>]]></description>
    <content:encoded><![CDATA[<p>全文第一段。</p><p>全文第二段。</p>]]></content:encoded>
    <dc:creator>新浪财经</dc:creator>
    <dc:date>2024-05-01T10:00:00+08:00</dc:date>
    <dc:subject>宏观</dc:subject>
    <category>央行</category>
    <enclosure url="/media/podcast.mp3" type="audio/mpeg" length="123"/>
    <media:content url="https://img.example.com/lead.jpg" medium="image"/>
  </item>
  <item>
    <title>Second</title>
    <link>https://news.example.com/b</link>
    <pubDate>Wed, 01 May 2024 11:00:00 +0800</pubDate>
    <description>plain &amp; simple</description>
    <media:group><media:thumbnail url="https://img.example.com/thumb.jpg"/></media:group>
    <itunes:image href="https://img.example.com/cover.jpg"/>
    <enclosure url="https://img.example.com/photo.png" type="image/png"/>
  </item>
</channel>
</rss>''')

write('rss091.xml', '''<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example.com/</link><language>en</language>
<item><title>One</title><link>http://old.example.com/1</link><description>first</description></item>
</channel></rss>''')

write('rss092.xml', '''<?xml version="1.0"?>
<rss version="0.92"><channel><title>Old 92</title><link>http://old.example.com/</link>
<item><description>an item with only a description</description><enclosure url="http://old.example.com/a.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>''')

write('rss090.rdf', '''<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
<item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
<item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
</rdf:RDF>''')

write('rss10.rdf', '''<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://slashdot.example/"><title>RDF News</title><link>https://slashdot.example/</link>
<items><rdf:Seq><rdf:li rdf:resource="https://slashdot.example/1"/></rdf:Seq></items></channel>
<item rdf:about="https://slashdot.example/1"><title>RDF item</title><link>https://slashdot.example/1</link>
<description>Summary</description><dc:date>2024-05-01T02:00:00Z</dc:date><dc:creator>editor</dc:creator>
<content:encoded>&lt;p&gt;Full &amp;amp; escaped&lt;/p&gt;</content:encoded></item>
</rdf:RDF>''')

write('atom10.xml', '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/">
  <title type="text">每经网 - 重磅原创</title>
  <link rel="self" href="https://rsshub.app/nbd"/>
  <link rel="alternate" type="text/html" href="/columns/332"/>
  <id>urn:feed</id>
  <updated>2024-05-01T02:00:00Z</updated>
  <entry xml:base="posts/">
    <title type="html">A &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; title</title>
    <link rel="alternate" href="one.html"/>
    <link rel="enclosure" href="files/a.pdf" type="application/pdf"/>
    <id>tag:blog.example.org,2024:1</id>
    <published>2024-05-01T10:00:00+08:00</published>
    <updated>2024-05-02T10:00:00+08:00</updated>
    <author><name>张三</name><email>z@example.org</email></author>
    <author><name>李四</name></author>
    <category term="finance" label="财经"/>
    <summary>Plain text &lt;not markup&gt;</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML <em>content</em> &amp; more</p><img src="x.png"/></div></content>
  </entry>
  <entry>
    <title>Second</title>
    <link href="https://blog.example.org/two"/>
    <id>tag:blog.example.org,2024:2</id>
    <updated>2024-05-01T03:00:00Z</updated>
    <content type="html">&lt;p&gt;HTML content&lt;/p&gt;</content>
  </entry>
</feed>''')

write('atom03.xml', '''<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Atom 0.3</title><link rel="alternate" type="text/html" href="http://old.example.org/"/>
  <modified>2024-05-01T02:00:00Z</modified>
  <entry><title>Old entry</title><link rel="alternate" type="text/html" href="http://old.example.org/1"/>
    <id>tag:old,1</id><issued>2024-05-01T10:00:00+08:00</issued><modified>2024-05-01T03:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;Escaped&lt;/p&gt;</content></entry>
</feed>''')

write('jsonfeed11.json', '''{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON News",
  "home_page_url": "https://json.example.com/",
  "authors": [{"name": "Feed Author"}],
  "items": [
    {"id": "1", "url": "https://json.example.com/1", "title": "First", "content_html": "<p>Hi</p>",
     "summary": "Short", "date_published": "2024-05-01T10:00:00+08:00", "date_modified": "2024-05-02T10:00:00+08:00",
     "image": "https://json.example.com/1.jpg", "tags": ["a", "b"],
     "attachments": [{"url": "https://json.example.com/1.mp3", "mime_type": "audio/mpeg"}]},
    {"id": 2, "url": "/2", "content_text": "Plain text\\n\\nsecond paragraph", "authors": [{"name": "Item Author"}]},
    "not an item"
  ]
}''')

write('jsonfeed10.json', '''{"version": "https://jsonfeed.org/version/1", "title": "JSON 1.0", "home_page_url": "https://j10.example.com/",
 "author": {"name": "Old Style"},
 "items": [{"id": "a", "url": "https://j10.example.com/a", "title": "A", "content_html": "<p>A</p>", "date_published": "2024-05-01T02:00:00Z"}]}''')

# Ill-formed feeds: each must still yield its entries, with a warning.
ill = '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Broken</title><link>https://broken.example.com/</link>
<item><title>{t1}</title><link>https://broken.example.com/1</link><description>{d1}</description></item>
<item><title>Two</title><link>https://broken.example.com/2</link><description>two</description></item>
</channel></rss>'''
write('ill-bare-ampersand.xml', ill.format(t1='AT&T & Co', d1='Q&A'))
write('ill-undefined-entities.xml', ill.format(t1='A&nbsp;B&mdash;C', d1='&copy; 2024'))
write('ill-mismatched-tags.xml', ill.format(t1='One', d1='<p>raw <b>markup</p>'))
write('ill-unescaped-html.xml', ill.format(t1='One', d1='<p>Hello <a href="https://x.example/">link</a><br></p>'))
write('ill-garbage-before-root.xml', '<b>Warning</b>: Cannot modify header information in /var/www/feed.php on line 3<br />\n'
      + ill.format(t1='One', d1='one'))
write('ill-truncated.xml', ill.format(t1='One', d1='one')[:-60])
write('ill-unclosed-item.xml', '''<rss version="2.0"><channel><title>Unclosed</title>
<item><title>One</title><link>https://u.example.com/1</link>
<item><title>Two</title><link>https://u.example.com/2</link></item>
</channel></rss>''')
write('ill-billion-laughs.xml', '''<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>Safe &lol3;</title><link>https://l.example.com/1</link></item></channel></rss>''')
write('ill-external-entity.xml', '''<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>&xxe;</title><link>https://x.example.com/1</link></item></channel></rss>''')

# Encodings, with real bytes.
enc = '''<?xml version="1.0" encoding="{label}"?>
<rss version="2.0"><channel><title>{title}</title><link>https://enc.example.com/</link>
<item><title>{title}</title><link>https://enc.example.com/1</link><description>{title}</description></item>
</channel></rss>'''
zh = '央行宣布降准 释放长期资金约一万亿元'
write('enc-gbk-declared.xml', enc.format(label='GBK', title=zh), 'gbk')
write('enc-gb2312-declared.xml', enc.format(label='gb2312', title=zh), 'gb2312')
write('enc-gb18030-declared.xml', enc.format(label='GB18030', title=zh + '𠀀'), 'gb18030')
write('enc-gbk-undeclared.xml', enc.format(label='x', title=zh).replace(' encoding="x"', ''), 'gbk')
write('enc-gbk-labelled-utf8.xml', enc.format(label='UTF-8', title=zh), 'gbk')
write('enc-utf8-labelled-gb2312.xml', enc.format(label='gb2312', title=zh), 'utf-8')
write('enc-big5.xml', enc.format(label='Big5', title='臺灣股市收盤上漲'), 'big5')
write('enc-shift-jis.xml', enc.format(label='Shift_JIS', title='日本銀行が金利を据え置き'), 'shift_jis')
write('enc-windows-1251.xml', enc.format(label='windows-1251', title='Новости экономики'), 'cp1251')
write('enc-windows-1252.xml', enc.format(label='windows-1252', title='Café “quoted” — €5'), 'cp1252')
write('enc-iso-8859-2.xml', enc.format(label='ISO-8859-2', title='Łódź zażółć gęślą'), 'iso-8859-2')
write('enc-utf16-bom.xml', enc.format(label='UTF-16', title=zh), 'utf-16-le', bom=b'\xff\xfe')
write('enc-gbk-transport.xml', enc.format(label='x', title=zh).replace(' encoding="x"', ''), 'gbk')
print('wrote', len(os.listdir(out)), 'files to', os.path.normpath(out))
