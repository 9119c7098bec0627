"""Stories shaped like the site's real ones, written as a file in the interchange format.

Each story, as the demo's longest: a Japanese body of about 2,000 characters
with subheadings and five figures placed in it (three photos or charts, two
videos with their thumbnails), an English original of about 5,000
characters, a lead, four key points, an impact analysis and an editorial
comment, three to five tags, a category, a source, three editors' picks and,
on one story in eight, corrections. Forty stories a day, the newest a few
minutes old when the file is written. The text is made from fixed
vocabularies and sentence patterns, the same for the same seed; the images
are a pool of a few dozen JPEG photos and PNG charts drawn with Pillow,
shared between stories (an import stores each file once).
"""

import io
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

STORIES_PER_DAY = 40
PHOTOS, CHARTS = 26, 6
JST = timezone(timedelta(hours=9))

CATEGORIES = ["ビジネス", "テクノロジー", "科学", "政治", "国際", "金融", "エネルギー", "宇宙", "医療", "物流"]
ORGS = [
    "Corvant Systems", "Halcyon Labs", "Lumetric Optics", "Northwind Energy", "Atlas Freight", "Beacon Maritime",
    "Kestrel Bio", "Orion Payments", "Summit Foods", "Vantage Motors", "Meridian Bank", "Polaris Space",
    "Granite Mining", "Cobalt Robotics", "Harbor Logistics", "Silverline Telecom", "Aurora Pharma", "Nimbus Cloud",
    "Redwood Capital", "Tidewater Steel", "Quill Media", "Evergreen Retail", "Helix Genomics", "Ironclad Security",
]
PLACES = ["米国", "欧州連合（EU）", "英国", "ドイツ", "フランス", "インド", "ブラジル", "カナダ", "オーストラリア",
          "シンガポール", "韓国", "台湾", "メキシコ", "南アフリカ", "インドネシア", "ノルウェー"]
PEOPLE = ["ハートリー", "ソーレン", "レイダル", "マルティネス", "オコンクォ", "リンドクヴィスト", "チャウドリー",
          "ベッカー", "ナカムラ", "ファン", "オルセン", "デュボワ", "コヴァルスキ", "サントス"]
# Common words a reader searches for; the two-character ones are the hardest for a search without spaces.
COMMON_TERMS = ["半導体", "人工知能", "電気自動車", "気候変動", "中央銀行", "データセンター", "サプライチェーン",
                "再生可能エネルギー", "量子コンピューター", "生成AI", "自動運転", "物価上昇"]
TWO_CHAR_TERMS = ["経済", "市場", "政府", "金利", "関税", "原油", "物流", "医療", "宇宙", "電力", "雇用", "株価",
                  "投資", "規制", "選挙", "通貨", "輸出", "供給", "需要", "特許"]
ENGLISH_TERMS = ["inflation", "semiconductor", "tariffs", "battery", "satellite", "vaccine"]
TOPICS = COMMON_TERMS + ["海運", "核融合", "蓄電池", "衛星通信", "遺伝子治療", "サイバー攻撃", "暗号資産", "農業",
                         "水素", "洋上風力", "小型原子炉", "ロボット", "新薬", "住宅ローン", "観光", "鉄鋼"]
EN_TOPICS = ["chips", "artificial intelligence", "electric vehicles", "climate policy", "interest rates",
             "data centers", "supply chains", "renewable power", "quantum computing", "shipping", "fusion",
             "batteries", "satellites", "gene therapy", "cybersecurity", "farming", "hydrogen", "offshore wind",
             "robotics", "housing"]

TAG_SUFFIXES = ["規制", "投資", "政策", "市場", "技術", "戦略", "協定", "人材"]
JA_SENTENCES = [
    "{org}は{day}日、{topic}に関する新たな計画を発表した。",
    "{place}の{term}担当者によると、{topic}をめぐる議論は年内に決着する見通しだという。",
    "同社の{person}最高経営責任者（CEO）は「{topic}は今後5年の成長を左右する」と述べた。",
    "市場では{term}への影響を懸念する声が強まっており、{org}の株価は一時{pct}%下落した。",
    "{place}政府は{topic}の分野で{num}億ドル規模の支援策を検討している。",
    "アナリストの{person}氏は「{term}の動きを見極めるには、あと数四半期の数字が必要だ」と指摘する。",
    "{org}と{org2}は{topic}の共同開発で合意し、来年{month}月にも試験運用を始める。",
    "{topic}の需要は前年比で{pct}%増え、供給が追いつかない状態が続いている。",
    "一方で、{term}の先行きには慎重な見方も根強い。",
    "{place}の規制当局は、{topic}を手がける企業に対して情報開示の強化を求める方針だ。",
    "関係者によると、{org}は{place}に{num}億ドルを投じて新工場を建設する。",
    "{person}氏は電話会見で、{term}の変化が{topic}の価格に波及する可能性を認めた。",
    "業界団体の調べでは、{topic}に携わる技術者の数は過去3年で{pct}%増えた。",
    "ただし、{place}では{term}をめぐる政治的な対立が続いており、計画が遅れる恐れもある。",
    "{org}の広報担当者は、{topic}の事業を「最も重要な柱」と位置づけている。",
    "調査会社の推計によると、{topic}の世界市場は{year}年までに{num}兆円規模に拡大する。",
]
EN_SENTENCES = [
    "{org} said on {weekday} that it would expand its work on {topic}, a move analysts had expected for months.",
    "The company's chief executive, {person}, told investors that {topic} would shape its growth for years.",
    "Shares of {org} fell as much as {pct} percent in early trading before recovering some of the losses.",
    "Officials in {place} are weighing a support package worth about ${num} billion for {topic}.",
    "\"We need a few more quarters of data before we can say where {topic} is heading,\" said {person}, an analyst.",
    "{org} and {org2} agreed to develop {topic} together and plan to begin trials next year.",
    "Demand for {topic} rose {pct} percent from a year earlier, and suppliers are struggling to keep up.",
    "Not everyone is convinced, and several investors have questioned how quickly the plan can pay off.",
    "Regulators in {place} have asked companies working on {topic} to disclose more about their risks.",
    "People familiar with the matter said {org} would spend about ${num} billion on a new plant in {place}.",
    "The industry group's survey found that the number of engineers working on {topic} has grown by {pct} percent.",
    "Political disputes in {place} over {topic} could still delay the project, according to two officials.",
    "A spokesperson for {org} described the {topic} business as the company's most important pillar.",
    "Inflation, tariffs and the cost of capital all weigh on the outlook, the report said.",
]
JA_HEADINGS = ["{topic}の行方", "問われる{term}の戦略", "{place}の思惑", "投資家の見方", "残る課題",
               "{topic}で先行する{org}"]
EN_PLACES = ["the United States", "the European Union", "Britain", "Germany", "France", "India", "Brazil", "Canada"]


@dataclass
class Generated:
    """What the files hold, for the run that reads them."""

    paths: list[Path]  # in the order to import them: the oldest stories first
    count: int
    newest: datetime
    oldest: datetime


class _Writer:
    def __init__(self, seed: int):
        self.rnd = random.Random(seed)

    def fill(self, pattern: str, english: bool = False) -> str:
        r = self.rnd
        return pattern.format(
            org=r.choice(ORGS), org2=r.choice(ORGS), person=r.choice(PEOPLE),
            place=r.choice(EN_PLACES if english else PLACES), topic=r.choice(EN_TOPICS if english else TOPICS),
            term=r.choice(TWO_CHAR_TERMS), pct=r.randint(2, 45), num=r.randint(2, 90), month=r.randint(1, 12),
            day=r.randint(1, 28), year=r.randint(2028, 2035),
            weekday=r.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        )

    def paragraphs(self, patterns: list[str], count: int, sentences: tuple[int, int],
                   english: bool = False) -> list[str]:
        joiner = " " if english else ""
        return [
            joiner.join(self.fill(self.rnd.choice(patterns), english) for _ in range(self.rnd.randint(*sentences)))
            for _ in range(count)
        ]


def make_images(folder: Path, seed: int = 5) -> list[str]:
    """The image pool, written once into `folder` (names relative to its parent); returns the names."""
    from PIL import Image, ImageDraw, ImageFilter

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(PHOTOS + CHARTS):
        rnd = random.Random(seed * 1000 + i)
        name = f"photo-{i + 1:02d}.jpg" if i < PHOTOS else f"chart-{i - PHOTOS + 1:02d}.png"
        names.append(f"{folder.name}/{name}")
        if (folder / name).exists():
            continue
        if i < PHOTOS:  # a photo: gradients, shapes and grain, 2000×1333
            small = Image.new("RGB", (250, 167))
            draw = ImageDraw.Draw(small)
            top, bottom = ([rnd.randrange(10, 230) for _ in range(3)] for _ in range(2))
            for y in range(small.height):
                t = y / small.height
                draw.line([(0, y), (small.width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
            for _ in range(30):
                x, y, r = rnd.randrange(250), rnd.randrange(167), rnd.randrange(4, 40)
                draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randrange(256) for _ in range(3)))
            img = small.resize((2000, 1333), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
            img = Image.blend(img, Image.effect_noise(img.size, 24).convert("RGB"), 0.1)
            out = io.BytesIO()
            img.save(out, "JPEG", quality=90)
        else:  # a chart: bars on white, 1200×800
            img = Image.new("RGB", (1200, 800), "white")
            draw = ImageDraw.Draw(img)
            draw.line([(80, 720), (1160, 720)], fill=(60, 60, 60), width=3)
            for b in range(12):
                h = rnd.randrange(60, 620)
                draw.rectangle([100 + b * 88, 720 - h, 160 + b * 88, 720], fill=(30, 90 + b * 10, 160))
            out = io.BytesIO()
            img.save(out, "PNG")
        (folder / name).write_bytes(out.getvalue())
    return names


# Stories per file: a file is read whole by the import, so an archive of 100,000 comes in parts.
PART_SIZE = 10_000


def generate(n: int, folder: Path, *, seed: int = 17, now: datetime | None = None) -> Generated:
    """Write N published stories as `folder/stories-N-partK.json` (each part newest first, part 1 the oldest
    stories) and their image pool beside them.

    A story's editors' picks are in its own part or an older one, so the parts import one after another.
    """
    folder.mkdir(parents=True, exist_ok=True)
    images = make_images(folder / "images")
    photos, charts = images[:PHOTOS], images[PHOTOS:]
    w = _Writer(seed)
    ja_pool = w.paragraphs(JA_SENTENCES, 3000, (3, 4))
    en_pool = w.paragraphs(EN_SENTENCES, 3000, (3, 4), english=True)
    rnd = w.rnd
    tag_names = _tag_names(max(150, n // 40), rnd)
    tag_weights = [1 / (rank + 1) for rank in range(len(tag_names))]
    sources = [(f"{org.split()[0]} {kind}", k) for org in ORGS for kind, k in
               (("Ledger", "news"), ("Review", "blog"), ("Letters", "paper"), ("Newswire", "press_release"))][:40]
    newest = (now or datetime.now(JST)).astimezone(JST).replace(microsecond=0) - timedelta(minutes=5)
    spacing = timedelta(days=1) / STORIES_PER_DAY
    parts = (n + PART_SIZE - 1) // PART_SIZE
    paths = [folder / f"stories-{n}-part{k + 1}.json" for k in range(parts)]
    files = [path.open("w", encoding="utf-8") for path in paths]
    try:
        written = [0] * parts
        for i in range(n):
            story = _story(i, n, newest - spacing * i, newest, w, ja_pool, en_pool, photos, charts, tag_names,
                           tag_weights, sources)
            k = (n - 1 - i) // PART_SIZE  # part 0 holds the oldest stories
            files[k].write(('{"articles": [\n' if written[k] == 0 else ",\n") + json.dumps(story, ensure_ascii=False))
            written[k] += 1
        for out in files:
            out.write("\n]}\n")
    finally:
        for out in files:
            out.close()
    return Generated(paths=paths, count=n, newest=newest, oldest=newest - spacing * (n - 1))


def _tag_names(count: int, rnd: random.Random) -> list[str]:
    """The most used first: topics and companies, then narrower ones (「米国半導体規制」)."""
    names = list(dict.fromkeys(TOPICS + TWO_CHAR_TERMS + ORGS + [p + "情勢" for p in PLACES]))
    narrower = [f"{place.split('（')[0]}{topic}{suffix}"
                for suffix in TAG_SUFFIXES for place in PLACES for topic in TOPICS]
    rnd.shuffle(narrower)
    return (names + narrower)[:count]


def _story(i, n, published, newest, w, ja_pool, en_pool, photos, charts, tag_names, tag_weights, sources) -> dict:
    rnd = w.rnd
    org, topic, term = rnd.choice(ORGS), rnd.choice(TOPICS), rnd.choice(TWO_CHAR_TERMS)
    en_topic = rnd.choice(EN_TOPICS)
    source, kind = sources[i % len(sources)]
    body = _japanese_body(w, ja_pool)
    original = _english_body(w, en_pool)
    tags = list(dict.fromkeys(rnd.choices(tag_names, weights=tag_weights, k=rnd.randint(3, 5))))
    # Editors' picks: older stories (the oldest 200 pick newer ones, in their own part), each original URL once.
    picks = {_pick(i, rnd.randint(1, 200), n) for _ in range(3)} - {i} if n > 1 else set()
    story = {
        "status": "published",
        "published_at": published.isoformat(),
        "category": CATEGORIES[i % len(CATEGORIES)],
        "tags": tags,
        "title": f"{org}、{topic}で{term}戦略を転換 {rnd.choice(PLACES)}で新事業",
        "lead": w.fill(JA_SENTENCES[0]) + w.fill(rnd.choice(JA_SENTENCES)) + w.fill(rnd.choice(JA_SENTENCES)),
        "body": body,
        "key_points": [
            {"heading": w.fill(rnd.choice(JA_HEADINGS)), "body": w.fill(rnd.choice(JA_SENTENCES))
             + w.fill(rnd.choice(JA_SENTENCES))}
            for _ in range(4)
        ],
        "impact_analysis": "".join(w.fill(rnd.choice(JA_SENTENCES)) for _ in range(6)),
        "editorial_comment": "".join(w.fill(rnd.choice(JA_SENTENCES)) for _ in range(4)),
        "original": {
            "title": f"{org} shifts its {en_topic} strategy with a new venture, story {i + 1}",
            "body": original,
            "url": f"https://{source.split()[0].lower()}.example.com/{published:%Y/%m/%d}/story-{i + 1}",
            "source": source, "kind": kind,
            "author": f"{rnd.choice(['Maya', 'Tom', 'Ines', 'Ravi', 'Lena'])} {rnd.choice(['Holt', 'Berg', 'Cruz'])}",
            "published_at": (published - timedelta(hours=rnd.randint(2, 9))).astimezone(timezone.utc).isoformat(),
            "language": "en",
        },
        "figures": _figures(i, rnd, photos, charts, org),
        "related": [_url_of(j, n, published, sources, i) for j in sorted(picks)],
    }
    if i % 8 == 3:
        story["corrections"] = [
            {"noted_at": min(published + timedelta(minutes=30 * (k + 1)), newest).isoformat(),
             "body": f"第{k + 2}段落の数字を訂正しました。当初「{rnd.randint(2, 40)}%」としていました。"}
            for k in range(1 + i % 2)
        ]
    return story


def _pick(i: int, distance: int, n: int) -> int:
    return i + distance if i + distance < n else max(0, i - distance)


def _url_of(j: int, n: int, published_i: datetime, sources, i: int) -> str:
    """The original URL story `j` gets (the same rule as in _story)."""
    published = published_i - timedelta(days=1) / STORIES_PER_DAY * (j - i)
    source = sources[j % len(sources)][0]
    return f"https://{source.split()[0].lower()}.example.com/{published:%Y/%m/%d}/story-{j + 1}"


def _japanese_body(w: _Writer, pool: list[str]) -> str:
    """About 2,000 characters: paragraphs, three subheadings, five figure markers."""
    rnd = w.rnd
    blocks, length, figure = [], 0, 1
    while length < 2000:
        paragraph = rnd.choice(pool)
        blocks.append(paragraph)
        length += len(paragraph)
        count = len(blocks)
        if count in (4, 8, 11):
            blocks.append("## " + w.fill(rnd.choice(JA_HEADINGS)))
        if figure <= 5 and count in (1, 3, 6, 9, 12):
            blocks.append(f"[[figure:{figure}]]")
            figure += 1
    blocks += [f"[[figure:{k}]]" for k in range(figure, 6)]
    return "\n\n".join(blocks)


def _english_body(w: _Writer, pool: list[str]) -> str:
    rnd = w.rnd
    blocks, length = [], 0
    while length < 5000:
        paragraph = rnd.choice(pool)
        blocks.append(paragraph)
        length += len(paragraph)
        if len(blocks) in (5, 10):
            blocks.append("## " + rnd.choice(["What comes next", "The risks", "How we got here", "The numbers"]))
    return "\n\n".join(blocks)


def _figures(i: int, rnd: random.Random, photos, charts, org: str) -> list[dict]:
    """Three images (the second a chart on one story in three), then two videos with their thumbnails."""
    images = [rnd.choice(photos), rnd.choice(charts) if i % 3 == 0 else rnd.choice(photos), rnd.choice(photos)]
    figures = [
        {"image": image, "caption": f"{org}の発表資料より（{k + 1}）", "credit": f"写真: {org}",
         "alt": f"{org}の事業を示す画像{k + 1}"}
        for k, image in enumerate(images)
    ]
    figures += [
        {"image": rnd.choice(photos), "caption": f"動画: {org}の説明会（{k + 1}）", "credit": "映像: 提供",
         "alt": f"{org}の説明会の動画の一場面", "video_url": f"https://video.example.net/watch/{i + 1}-{k + 1}"}
        for k in range(2)
    ]
    return figures
