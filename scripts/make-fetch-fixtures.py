#!/usr/bin/env python3
"""Writes Tests/FetchingTests/Fixtures: a feed in GBK with no encoding declaration (served with and
without a charset header), the same feed in UTF-8 gzip- and deflate-compressed, and a gzip bomb
(64 MiB of spaces in 64 KB). Run again after editing."""
import gzip, os, zlib

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'FetchingTests', 'Fixtures')
os.makedirs(out, exist_ok=True)
feed = '''<?xml version="1.0"?>
<rss version="2.0"><channel><title>每经网 重磅原创</title><link>http://www.nbd.com.cn/</link>
<item><title>央行宣布降准 释放长期资金约一万亿元</title><link>http://www.nbd.com.cn/articles/1.html</link>
<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description>国家统计局今日发布数据。</description></item>
<item><title>工业互联网平台创新合作中心正式成立</title><link>http://www.nbd.com.cn/articles/2.html</link>
<pubDate>Wed, 01 May 2024 11:00:00 +0800</pubDate><description>每经记者 张三</description></item>
</channel></rss>
'''
open(os.path.join(out, 'gbk-feed.xml'), 'wb').write(feed.encode('gbk'))
plain = feed.replace('每经网 重磅原创', 'Compressed').encode('utf-8')
open(os.path.join(out, 'feed.xml.gz'), 'wb').write(gzip.compress(plain))
open(os.path.join(out, 'feed.xml.deflate'), 'wb').write(zlib.compress(plain))
open(os.path.join(out, 'bomb.gz'), 'wb').write(gzip.compress(b' ' * (64 * 1024 * 1024), 9))
print(sorted(os.listdir(out)))
