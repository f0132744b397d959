#!/usr/bin/env python3
"""A script that writes a feed is not a feed itself."""
print('<?xml version="1.0" encoding="utf-8"?>')
print("<rss version='2.0'><channel><title>generated</title></channel></rss>")
