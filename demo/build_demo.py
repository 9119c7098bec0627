#!/usr/bin/env python
"""Build demo/demo.json (DESIGN.md §4 interchange format) for Newsdesk.

All text below is original and fictional: the companies, people, places of
business and publications are invented for the demo.

    /work/main/.venv/bin/python demo/build_demo.py

Bodies are written as parallel blocks (Japanese, original) so the translated
body and the original always have the same paragraphs and headings in the
same order; figure placements exist only in the Japanese body.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "demo.json"

CREDIT = "イラスト: Newsdesk編集部"


def H(ja: str, orig: str):
    return ("h", ja, orig)


def P(ja: str, orig: str):
    return ("p", ja, orig)


def F(n: int):
    return ("f", n)


def render(blocks, lang_index: int) -> str:
    out = []
    for b in blocks:
        if b[0] == "f":
            if lang_index == 1:
                out.append(f"[[figure:{b[1]}]]")
            continue
        text = b[lang_index]
        out.append(("## " + text) if b[0] == "h" else text)
    return "\n\n".join(out)


def KP(*pairs):
    return [{"heading": h, "body": b} for h, b in pairs]


def FIG(image, caption, alt, video_url=None):
    fig = {"image": f"images/{image}", "caption": caption, "credit": CREDIT, "alt": alt}
    if video_url:
        fig["video_url"] = video_url
    return fig


ARTICLES = []


def article(key, *, status, published_at, category, tags, title, lead, body,
            key_points, impact_analysis, editorial_comment, original, figures, related,
            translation_status=None):
    ARTICLES.append(dict(
        key=key, status=status, published_at=published_at, category=category, tags=tags,
        title=title, lead=lead, body=body, key_points=key_points,
        impact_analysis=impact_analysis, editorial_comment=editorial_comment,
        original=original, figures=figures, related=related, translation_status=translation_status,
    ))


# Optional interchange fields of the original (source kind, research-paper details).
PAPER_FIELDS = ("kind", "arxiv_id", "authors", "affiliations", "pdf_url", "code_url")


# ---------------------------------------------------------------------------
# 1. World model paper (science)
# ---------------------------------------------------------------------------
article(
    "world-model-paper",
    status="published",
    published_at="2026-11-26T08:30:00+09:00",
    category="科学",
    tags=["世界モデル", "Halcyon Labs", "ロボット", "AI研究"],
    title="動画だけで学んだ世界モデル、未知の作業をロボットが計画 Halcyon Labsが論文発表",
    lead=("AI研究機関Halcyon Labsは、ラベルのない大量の動画から物の動きや因果関係を学ぶ「世界モデル」を使い、"
          "ロボットが初めて見る作業の手順を自ら計画できたとする論文を発表した。成功率は従来手法の約2倍に達したという。"),
    body=[
        P("エディンバラに拠点を置くAI研究機関Halcyon Labsの研究チームは25日、ラベル付けされていない約40万時間分の動画から学習した"
          "**世界モデル**により、ロボットアームが訓練時に見たことのない作業を計画・実行できたとする論文を学術誌"
          "『Atlas Research Letters』に発表した。",
          "Researchers at Halcyon Labs, the Edinburgh-based AI research institute, reported on Wednesday that a "
          "**world model** trained on roughly 400,000 hours of unlabeled video allowed a robot arm to plan and carry "
          "out tasks it had never seen during training. The results were published in Atlas Research Letters."),
        P("世界モデルとは、現在の状態と行動から次に起こることを予測する内部モデルを指す。人間が頭の中で「コップを押せば倒れる」と"
          "想像するように、AIが行動の結果を事前にシミュレーションできれば、試行錯誤の回数を大幅に減らせると期待されている。",
          "A world model is an internal model that predicts what happens next, given the current state and an action. "
          "Just as a person can imagine that pushing a cup will tip it over, an AI that can simulate the consequences "
          "of its actions in advance should need far fewer rounds of trial and error."),
        F(1),
        P('研究チームは、料理や工作、家事などを撮影した一般公開の動画を学習に用いた。モデルは動画の一部を隠し、その先の映像で物体がどこに移動するかを予測する課題を繰り返し解くことで、重力や衝突、物が押されたときの動きといった物理的な規則性を身につけたという。ロボットの実機データは、最後の調整に約20時間分を使っただけだった。',
          'The team trained the model on publicly available videos of cooking, crafts and household chores. By repeatedly solving a task in which part of a video is hidden and the model must predict where objects will move next, it picked up physical regularities such as gravity, collisions and how things move when pushed, the researchers said. Only about 20 hours of data from a real robot were used, for final tuning.'),
        H("成功率は従来手法の約2倍", "Success rate roughly doubled"),
        P("論文によると、チームは引き出しの開閉や布の折りたたみなど、訓練データに含まれない24種類の作業でモデルを評価した。"
          "世界モデル上で数百通りの行動候補を試算してから実機を動かす方式で、平均成功率は**61%**に達し、"
          "模倣学習のみを用いた比較手法の29%を大きく上回った。",
          "According to the paper, the team evaluated the model on 24 tasks absent from the training data, including "
          "opening drawers and folding cloth. By simulating hundreds of candidate actions inside the world model before "
          "moving the real robot, the system reached an average success rate of **61%**, well above the 29% achieved "
          "by a baseline that relied on imitation learning alone."),
        P("筆頭著者のネーヴ・キャロウェイ研究員は「ロボットに必要なのは、指示を言葉で理解する能力だけではない。"
          "物がどう動くかを予測できなければ、新しい環境では役に立たない」と述べた。",
          "“What robots need is not only the ability to understand instructions in words,” said the paper's lead "
          "author, Dr. Neve Calloway. “If they cannot predict how objects will move, they are of little use in a new "
          "environment.”"),
        H("計算コストと安全性に課題", "Compute cost and safety remain hurdles"),
        P("一方で課題も残る。1回の作業計画に高性能GPUで平均40秒を要し、人が近くで作業する現場での実用には遠い。"
          "また、モデルが予測を誤った場合にロボットがどの程度危険な動作をしうるかについては、十分に検証されていないと論文自身も認めている。",
          "Hurdles remain. Planning a single task takes an average of 40 seconds on a high-end GPU, far from practical "
          "on shop floors where people work nearby. The paper itself acknowledges that it has not fully examined how "
          "dangerously a robot might behave when the model's predictions are wrong."),
        P("査読に関わった研究者の一人は「動画だけで物理的な常識を獲得できることを示した点は重要だ」と評価しつつ、"
          "「評価環境が研究室内に限られており、工場や家庭での再現性は今後の検証が必要だ」と指摘した。",
          "One researcher involved in the peer review called the demonstration that physical common sense can be "
          "acquired from video alone “significant,” but noted that “the evaluation was limited to laboratory settings, "
          "and whether it holds up in factories or homes still needs to be tested.”"),
        F(2),
        P("Halcyon Labsは、学習に用いたモデルの重みと評価用データセットを、来年前半に研究者向けに公開する予定だとしている。",
          "Halcyon Labs said it plans to release the model weights and the evaluation dataset to researchers in the "
          "first half of next year."),
    ],
    key_points=KP(
        ("ラベルなし動画から学習",
         "約40万時間分のラベルなし動画から、物体の動きや因果関係を予測する世界モデルを構築した。人手による注釈を必要としない点が特徴だ。"),
        ("未知の作業で成功率61%",
         "引き出しの開閉や布の折りたたみなど、訓練データにない24種類の作業で平均成功率61%を記録した。模倣学習のみの比較手法（29%）の約2倍にあたる。"),
        ("実用化には計算コストが壁",
         "1回の計画に高性能GPUで約40秒かかり、予測を誤った場合の安全性も未検証。工場や家庭での実用にはなお時間がかかる。"),
        ("重みとデータを来年公開",
         "モデルの重みと評価データセットを来年前半に研究者向けに公開する予定で、第三者による追試や比較研究が進む可能性がある。"),
    ),
    impact_analysis=(
        "大規模言語モデルが「言葉」の領域で成果を上げる一方、ロボットや自動運転など物理世界で動くAIには、行動の結果を予測する能力が"
        "欠かせない。今回の論文は、高価なラベル付けなしに世界モデルを学習できる可能性を示した点で、産業用ロボットのメーカーや"
        "物流事業者にとって注目に値する。\n\n"
        "ただし計算コストの高さは、現場導入の大きな障壁となる。推論の効率化や専用チップの開発が進むかどうかが、実用化の時期を"
        "左右しそうだ。"),
    editorial_comment=(
        "成功率61%は、裏を返せば3回に1回以上は作業をやり遂げられないということでもある。派手な数字に目を奪われず、どのような条件で、"
        "どのようにつまずいたのかを付録まで含めて読むべきだろう。重みの公開が約束どおり行われれば、第三者による検証が進むはずだ。"),
    original={
        "title": "Video-trained world model lets robots plan unfamiliar tasks, Halcyon Labs reports",
        "url": "https://atlasresearch.example/letters/2026/11/video-world-model-robot-planning",
        "source": "Atlas Research Letters",
        "author": "Helena Okafor-Strand",
        "published_at": "2026-11-25T19:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("world-model-grid.jpg",
            "世界モデルは、行動の結果を頭の中で試算する仕組みにたとえられる（イメージ）",
            "遠近法で描かれた紫色の格子の上に、黄色の球、水色の立方体、ピンクの三角すいが浮かび、球から立方体へ点線の弧が伸びる抽象イラスト"),
        FIG("research-paper-portrait.jpg",
            "論文は、動画だけで物理的な常識を学べる可能性を示した（イメージ）",
            "淡いピーチ色の背景に、文字の行を思わせる線と棒グラフの描かれた紙が何枚も重なる縦長の抽象イラスト"),
    ],
    related=["halcyon-interview", "rheinwerk-world-model", "ai-audit-rules"],
)

# ---------------------------------------------------------------------------
# 2. Merger (business) — contains 買収
# ---------------------------------------------------------------------------
article(
    "corvant-lumetric",
    status="published",
    published_at="2026-11-26T11:00:00+09:00",
    category="ビジネス",
    tags=["買収", "Corvant Systems", "半導体", "データセンター"],
    title="Corvant Systems、光通信部品のLumetric Opticsを42億ドルで買収へ",
    lead=("米ネットワーク機器大手Corvant Systemsは、データセンター向け光通信部品を手がけるLumetric Opticsを総額約42億ドルで"
          "買収すると発表した。AI向け計算設備の需要拡大をにらみ、高速な光接続の技術を自社に取り込む狙いだ。"),
    body=[
        P("米ネットワーク機器大手のCorvant Systemsは25日、データセンター向けの光トランシーバーやシリコンフォトニクス部品を開発する"
          "Lumetric Opticsを、1株あたり38ドル、総額約42億ドル（約6300億円）で**買収**すると発表した。買収額は発表前日の終値に"
          "約31%のプレミアムを上乗せした水準となる。",
          "Corvant Systems, the US networking equipment maker, said on Wednesday it had agreed to **acquire** Lumetric "
          "Optics, a developer of optical transceivers and silicon photonics components for data centers, for $38 a "
          "share in cash, or about $4.2 billion. The price represents a premium of roughly 31% to Lumetric's closing "
          "price the day before the announcement."),
        P("AIモデルの学習に使われる大規模な計算クラスターでは、数万個の演算チップを高速でつなぐ必要がある。銅配線では距離と"
          "消費電力に限界があり、光による接続への置き換えが急速に進んでいる。Corvantは自社のスイッチ製品と光部品を一体で"
          "提供できる体制を整え、競合との差別化を図る。",
          "Large computing clusters used to train AI models must link tens of thousands of accelerator chips at high "
          "speed. Copper wiring runs into limits on distance and power consumption, and optical links are rapidly "
          "replacing it. Corvant aims to set itself apart from rivals by offering its switches and optical components "
          "as a single package."),
        F(1),
        H("「垂直統合」で供給を確保", "Securing supply through vertical integration"),
        P("Corvantのイヴォンヌ・ハートリー最高経営責任者（CEO）は電話会見で「顧客が求めているのは部品ではなく、確実に動くシステムだ。"
          "光部品の供給を自社で握ることが、次の5年の競争力を決める」と述べた。",
          "“Customers are not asking for components; they want systems that work,” Corvant Chief Executive Yvonne "
          "Hartley said on a conference call. “Controlling our own supply of optical components will determine our "
          "competitiveness for the next five years.”"),
        P("Lumetricの昨年度の売上高は約6億8000万ドルで、前年から約7割増えた。一方、生産能力の増強に多額の投資を続けており、"
          "最終損益は赤字が続いている。アナリストの間では、単独で資金を調達し続けるよりも、大手の傘下に入る方が成長を加速できるとの"
          "見方が出ていた。",
          "Lumetric's revenue rose about 70% last fiscal year to roughly $680 million. But it has kept investing "
          "heavily to expand production capacity and remains loss-making. Some analysts had argued that joining a "
          "larger group would speed its growth more than continuing to raise money on its own."),
        P('Corvantは買収後もLumetricのブランドと既存顧客への供給を維持する方針で、同社の技術者約1100人も原則として全員を引き継ぐ。統合によるコスト削減効果は、3年目に年間約1億5000万ドルを見込む。ハートリー氏は「他社のスイッチを使う顧客にも、これまでどおり部品を販売する」と強調した。',
          "Corvant plans to keep the Lumetric brand and maintain supply to its existing customers after the deal, and intends to retain essentially all of Lumetric's roughly 1,100 engineers. It expects cost savings from the combination to reach about $150 million a year by the third year. “We will keep selling components to customers who use other companies' switches, just as before,” Hartley stressed."),
        H("規制当局の審査が焦点", "Regulatory review in focus"),
        P("取引は両社の取締役会で承認済みで、Lumetricの株主と各国の競争当局の承認を経て、2027年後半の完了を見込む。"
          "光トランシーバー市場は数社による寡占が進んでおり、審査が長引く可能性も指摘されている。",
          "The deal has been approved by both boards and is expected to close in the second half of 2027, subject to "
          "approval by Lumetric shareholders and competition authorities. The optical transceiver market is "
          "increasingly concentrated among a handful of suppliers, and some observers warn that the review could drag on."),
        P('Corvantは買収資金を手元資金と新たな借り入れでまかなう。買収後は有利子負債が一時的に膨らむが、同社は2年以内に負債比率を現在の水準に戻すとしている。格付け会社の一部は、同社の信用格付けを引き下げ方向で見直すと発表した。',
          'Corvant will fund the deal with cash on hand and new borrowing. Its debt will rise temporarily after the acquisition, but the company said it would bring its leverage back to current levels within two years. Some credit rating agencies said they had placed its ratings on review for a possible downgrade.'),
        P("発表を受けて、Lumetricの株価は時間外取引で27%上昇した。Corvantの株価は2%下落した。",
          "Lumetric shares rose 27% in after-hours trading following the announcement. Corvant shares fell 2%."),
    ],
    key_points=KP(
        ("総額42億ドルで買収",
         "Corvantは1株38ドル、総額約42億ドルでLumetricを買収する。発表前日の終値に対するプレミアムは約31%となる。"),
        ("AI向けの光接続を取り込む",
         "AIの計算クラスターでは銅配線から光接続への移行が進む。スイッチと光部品を一体で提供し、競合との差別化を狙う。"),
        ("Lumetricは増収も赤字",
         "Lumetricの売上高は約7割増の約6億8000万ドル。設備投資がかさみ最終赤字が続いており、大手の傘下で成長を加速させる道を選んだ。"),
        ("完了は2027年後半の見込み",
         "取引の完了にはLumetricの株主と各国の競争当局の承認が必要となる。光トランシーバー市場は寡占化が進んでおり、審査が長引く可能性もある。"),
    ),
    impact_analysis=(
        "AI向けデータセンター投資の拡大で、演算チップそのものだけでなく、チップ同士をつなぐ光部品が新たな供給制約になりつつある。"
        "今回の買収は、ネットワーク機器メーカーが部品の段階まで垂直統合を進める流れを象徴している。\n\n"
        "日本の光部品・電子部品メーカーにとっては、大口顧客が内製化に動くことで受注環境が変わる可能性がある。一方、統合後のCorvantが"
        "調達先を絞り込む過程で、特定の工程に強みを持つ企業に提携の機会が生まれることも考えられる。"),
    editorial_comment=(
        "プレミアム31%は小さくないが、Lumetricが単独で生産能力を拡大し続けるには資金面の不安があった。買収される側にとっても合理的な"
        "選択に見える。焦点は競争当局の判断だ。光部品の供給が一社に囲い込まれるとの懸念を、Corvantがどう払拭するかに注目したい。"),
    original={
        "title": "Corvant Systems agrees to buy Lumetric Optics for $4.2 billion",
        "url": "https://meridianbusiness.example/deals/2026/11/25/corvant-to-acquire-lumetric-optics",
        "source": "Meridian Business Daily",
        "author": "Rafael Sundqvist",
        "published_at": "2026-11-25T22:15:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("merger-skyline.jpg",
            "Corvantは光部品の内製化で競争力を高める狙いだ（イメージ）",
            "夕暮れのピンクとオレンジのグラデーションを背景に、重なり合う2つの円と黄色い太陽、高さの異なるビル群のシルエットが並ぶ抽象イラスト"),
    ],
    related=["tessaline-packaging", "chip-stocks-rally", "datacenter-power"],
)

# ---------------------------------------------------------------------------
# 3. Semiconductor supply (technology) — figure left unplaced
# ---------------------------------------------------------------------------
article(
    "tessaline-packaging",
    status="published",
    published_at="2026-11-26T15:00:00+09:00",
    category="テクノロジー",
    tags=["半導体", "Tessaline", "サプライチェーン"],
    title="先端半導体の「後工程」逼迫に緩和の兆し Tessalineが新ラインを前倒し稼働",
    lead=("半導体の組み立て・検査を担う受託大手Tessalineは、先端パッケージングの新ラインを予定より2カ月早く稼働させた。"
          "AI向けチップの出荷を制約してきた後工程の逼迫は、2027年半ばにかけて緩和に向かう見通しだ。"),
    body=[
        P("半導体の後工程受託大手Tessalineは25日、複数のチップを一つの基板上で高密度に接続する「先端パッケージング」の新ラインを、"
          "マレーシアの拠点で稼働させたと発表した。当初計画より2カ月早い立ち上げで、同社の先端パッケージの生産能力は来年3月までに"
          "現在の約1.6倍になる。",
          "Tessaline, a leading contract provider of chip assembly and testing, said on Wednesday it had started up a "
          "new advanced packaging line at its site in Malaysia. The line, which connects multiple chips densely on a "
          "single substrate, came online two months ahead of schedule and will lift the company's advanced packaging "
          "capacity to about 1.6 times current levels by March."),
        P("AI向けの高性能チップは、演算用のチップと広帯域メモリーを並べて一体化する構造が主流となっている。回路の微細化を競う"
          "前工程に比べて注目度は低かったが、ここ2年ほどは**後工程の能力不足**がチップの出荷量を左右する最大の要因となっていた。",
          "High-performance AI chips increasingly pair a compute die with high-bandwidth memory in a single package. "
          "Packaging drew less attention than the race to shrink transistors, but for roughly two years **a shortage "
          "of packaging capacity** has been the biggest factor limiting how many chips can be shipped."),
        P('一つの大きなチップとして作るよりも、役割ごとに分けた小さなチップを組み合わせる方が、製造時の不良を減らしやすく、開発費も抑えられる。この「チップレット」と呼ばれる設計の普及が、後工程の重要性を一段と高めている。',
          'Combining smaller chips, each with its own role, makes it easier to limit manufacturing defects and keeps development costs down compared with building one large chip. The spread of these so-called chiplet designs has made packaging even more important.'),
        H("納期は最長40週から短縮へ", "Lead times to shorten from as long as 40 weeks"),
        P("業界調査会社の推計では、先端パッケージを必要とするチップの納期は一時、最長40週に達した。Tessalineの新ラインに加え、"
          "競合各社も相次いで増産投資を進めており、調査会社は納期が来年半ばには20週前後まで短縮すると予想している。",
          "Lead times for chips that require advanced packaging reached as long as 40 weeks at their peak, according to "
          "estimates by an industry research firm. With competitors also adding capacity alongside Tessaline's new "
          "line, the firm expects lead times to shorten to around 20 weeks by the middle of next year."),
        P("Tessalineのオスカー・ヴェイル最高執行責任者（COO）は「装置の搬入から量産開始までを従来の半分の期間で終えられた。"
          "現場の技術者を事前に育成していたことが大きい」と説明した。",
          "“We completed the period from tool move-in to volume production in half the usual time,” said Oscar Vale, "
          "Tessaline's chief operating officer. “Training our engineers ahead of time made the biggest difference.”"),
        P('新ラインでは、チップを基板に接合する工程の検査にAIによる画像解析を導入し、不良品の見逃しを減らした。量産開始から1カ月時点の歩留まりは、既存ラインの立ち上げ時を約8ポイント上回っているという。',
          'On the new line, the company introduced AI-based image analysis to inspect the step in which chips are bonded to the substrate, reducing the number of defects that slip through. One month into volume production, yields are about 8 percentage points higher than its existing lines achieved at the same stage, it said.'),
        H("残る課題は基板と人材", "Substrates and skilled workers remain constraints"),
        P("ただし、供給網全体の制約が解消したわけではない。パッケージに使う高機能基板は供給元が限られ、価格は前年比で2割近く"
          "上昇している。後工程の熟練技術者の確保も各社に共通する課題で、新ラインの本格稼働には採用と育成が追いつく必要がある。",
          "Constraints across the supply chain have not disappeared, however. Only a few companies supply the advanced "
          "substrates used in packaging, and their prices are up nearly 20% from a year earlier. Securing skilled "
          "packaging engineers is also a challenge across the industry, and hiring and training will need to keep pace "
          "for new lines to run at full capacity."),
        P("アナリストは今後の注目点として、次の3点を挙げている。",
          "Analysts point to three things to watch:"),
        P("- 高機能基板メーカーの増産計画が予定どおり進むか\n"
          "- 広帯域メモリーの供給が後工程の拡大に追いつくか\n"
          "- 各国の輸出規制が製造装置の調達に影響するか",
          "- Whether substrate makers deliver their expansion plans on schedule\n"
          "- Whether high-bandwidth memory supply keeps up with expanded packaging capacity\n"
          "- Whether export controls affect access to manufacturing equipment"),
    ],
    key_points=KP(
        ("新ラインを前倒しで稼働",
         "Tessalineはマレーシアの先端パッケージング新ラインを計画より2カ月早く稼働させた。来年3月までに生産能力は約1.6倍になる。"),
        ("後工程が出荷量を制約",
         "AI向けチップは演算チップとメモリーを一体化する構造が主流で、この2年は後工程の能力不足が出荷量を左右してきた。"),
        ("納期は20週前後に短縮へ",
         "先端パッケージを要するチップの納期は一時最長40週に達したが、競合の増産も重なり、来年半ばには20週前後まで縮むと調査会社はみている。"),
        ("基板と人材がなお制約",
         "パッケージに使う高機能基板は供給元が限られ、価格も前年比で2割近く上昇した。後工程の熟練技術者の確保も、業界共通の課題として残る。"),
    ),
    impact_analysis=(
        "後工程の逼迫が緩めば、AI向けチップの供給量が増え、データセンター投資の計画が立てやすくなる。チップ価格の高止まりが"
        "和らぐ可能性もあり、クラウド事業者やAI開発企業のコスト構造に影響する。\n\n"
        "日本企業は基板や検査装置、材料の分野で強みを持つ。後工程の増産投資が各地で続く限り、関連する装置・材料メーカーの受注は"
        "堅調に推移するとみられる。"),
    editorial_comment=(
        "半導体をめぐる議論は回路の微細化に集中しがちだが、実際の供給量を決めるのは工程全体で最も細いところだ。今回のニュースは、"
        "ボトルネックが「作る技術」から「組み立てる能力」、さらに「基板と人」へと移っていく様子を示している。"),
    original={
        "title": "Advanced chip packaging bottleneck begins to ease as Tessaline opens new line early",
        "url": "https://northwindtech.example/2026/11/26/tessaline-advanced-packaging-line",
        "source": "Northwind Tech Review",
        "author": "Corin Maddox",
        "published_at": "2026-11-26T02:00:00+00:00",
        "language": "en",
    },
    figures=[
        # Deliberately not placed in the body: shown at the top of the body.
        FIG("semiconductor-wafer.jpg",
            "先端パッケージングは、複数のチップを一つの基板上で高密度に接続する（イメージ）",
            "濃紺の背景に回路のような線が走り、中央の円形のウエハーの上に紫から水色へ色の変わる四角いチップが碁盤目状に並ぶ抽象イラスト"),
    ],
    related=["chip-stocks-rally", "corvant-lumetric", "container-rates"],
)

# ---------------------------------------------------------------------------
# 4. Ocean shipping (business)
# ---------------------------------------------------------------------------
article(
    "container-rates",
    status="published",
    published_at="2026-11-26T18:30:00+09:00",
    category="ビジネス",
    tags=["海運", "サプライチェーン", "コンテナ船"],
    title="コンテナ運賃が3週連続で下落 新造船の大量竣工でアジア―欧州航路に供給過剰",
    lead=("アジアと欧州を結ぶ航路のコンテナ運賃が3週連続で下落した。過去最多の新造船が竣工して船腹が余っているためで、"
          "海運各社は欠便や減速航行で需給の引き締めを急いでいる。荷主にとっては値下げ交渉の好機となっている。"),
    body=[
        P("アジア―北欧州航路の40フィートコンテナ1本あたりのスポット運賃は、今週時点で約1850ドルとなり、3週連続で下落した。"
          "年初の水準からは約4割低い。海運調査会社Beacon Maritime Analyticsの集計で明らかになった。",
          "Spot rates on the Asia–North Europe lane fell for a third straight week to about $1,850 per 40-foot "
          "container this week, according to data compiled by shipping consultancy Beacon Maritime Analytics. That is "
          "about 40% below levels at the start of the year."),
        P("下落の主因は船腹の供給過剰だ。2020年代前半の好況期に発注された大型コンテナ船の竣工が今年ピークを迎え、"
          "世界の船腹量は前年比で約9%増えた。一方、欧州の消費は力強さを欠き、荷動きの伸びは2%程度にとどまっている。",
          "The main cause is an oversupply of vessels. Deliveries of large container ships ordered during the boom of "
          "the early 2020s are peaking this year, lifting global fleet capacity by about 9% from a year earlier. "
          "European consumer demand, meanwhile, remains sluggish, and cargo volumes are growing by only around 2%."),
        F(1),
        H("欠便と減速航行で対抗", "Carriers respond with blank sailings and slow steaming"),
        P("海運各社は運賃の下支えに動いている。大手3社は12月の欧州向け定期便のうち計14便を欠便とすると荷主に通知した。"
          "さらに、燃料費の節約を兼ねて航行速度を落とし、1航路に投入する船の数を増やすことで実質的な輸送能力を抑える"
          "「減速航行」も広がっている。",
          "Carriers are moving to shore up rates. The three largest lines have told shippers they will cancel a "
          "combined 14 sailings to Europe in December. Many are also slowing their vessels, which saves fuel and, by "
          "requiring more ships on each loop, effectively reduces available capacity."),
        P("Beacon Maritime Analyticsのアナリスト、トマス・レイダル氏は「欠便だけでは供給過剰は解消しない。来年も竣工は高水準が"
          "続くため、運賃の本格的な回復は早くても2028年だろう」と話す。",
          "“Blank sailings alone will not fix the oversupply,” said Tomas Reidal, an analyst at Beacon Maritime "
          "Analytics. “With deliveries staying high next year, a real recovery in rates is unlikely before 2028 at the "
          "earliest.”"),
        P('欠便の効果にも限界がある。ある中堅の船会社は、大手の欠便で行き場を失った貨物を取り込もうと、逆に臨時便を投入した。各社が足並みをそろえなければ、運賃の下支えは難しい。',
          "Blank sailings have their limits, too. One mid-sized carrier has added extra sailings to pick up cargo left stranded by the larger lines' cancellations. Unless carriers move in step, propping up rates will be difficult."),
        H("荷主には交渉の好機", "A window for shippers to negotiate"),
        P("一方、輸出入企業にとっては有利な局面だ。来年の長期契約の交渉が本格化する時期と重なっており、複数の小売大手は"
          "前年より2〜3割低い運賃での契約を求めているという。",
          "For importers and exporters, the situation is favorable. It coincides with the start of negotiations on "
          "next year's long-term contracts, and several large retailers are reportedly seeking rates 20% to 30% below "
          "last year's."),
        F(2),
        P('船会社の発注行動にも変化が出ている。調査会社の集計では、今年1〜10月のコンテナ船の新規発注量は前年同期の約半分にとどまった。ただ、発注から竣工までは通常3年前後かかるため、供給過剰の解消には時間がかかる。',
          "Carriers' ordering behavior is also changing. New container ship orders in January through October were about half the level of a year earlier, according to the consultancy's figures. But since it usually takes around three years from order to delivery, working off the oversupply will take time."),
        P('Beacon Maritime Analyticsは、来年の平均スポット運賃が今年を約15%下回ると予想している。燃料価格の上昇や環境規制への対応費用が運航コストを押し上げるため、船会社の利益率は一段と圧迫される見通しだ。',
          "Beacon Maritime Analytics expects average spot rates next year to be about 15% below this year's. Higher fuel prices and the cost of complying with environmental rules will push up operating costs, squeezing carriers' margins further."),
        P("ただ、主要な海峡の一部では航行リスクがくすぶっている。長距離の迂回が再び必要になれば船腹の余剰は一気に吸収されるため、"
          "業界関係者の多くは「運賃の先行きは地政学次第だ」と口をそろえる。",
          "Navigation risks persist around some key straits, however. If long detours become necessary again, the "
          "surplus of ships could be absorbed quickly, and many in the industry say the outlook for rates depends on "
          "geopolitics."),
    ],
    key_points=KP(
        ("運賃は3週連続で下落",
         "アジア―北欧州航路のスポット運賃は40フィートコンテナ1本約1850ドルと3週連続で下落し、年初より約4割安い。"),
        ("新造船の竣工がピーク",
         "2020年代前半の好況期に発注された大型船の竣工が今年集中し、世界の船腹量は約9%増えた。荷動きの伸び（約2%）を大きく上回る。"),
        ("欠便と減速航行で対抗",
         "大手3社は12月の欧州向け定期便のうち計14便の欠便を荷主に通知した。速度を落として実質的な輸送能力を抑える減速航行も広がる。"),
        ("荷主は値下げを要求",
         "来年の長期契約交渉が本格化し、小売大手は前年比2〜3割安い運賃を求めている。本格回復は2028年以降との見方もある。"),
    ),
    impact_analysis=(
        "運賃の下落は輸入品の物流コストを押し下げ、小売価格の安定に寄与する。特に家具や家電など容積の大きい商品を扱う企業にとっては、"
        "利益率の改善要因となる。\n\n"
        "一方で、海運会社の収益悪化は避けられない。日本の海運大手も好況期の利益を原資に船隊の更新や脱炭素投資を進めてきたが、"
        "運賃の低迷が長引けば投資計画の見直しを迫られる可能性がある。"),
    editorial_comment=(
        "海運は好況と不況の波が激しい産業であり、今回の下落もその周期の一部といえる。ただ、好況期の利益で発注された船が次の不況を"
        "深めるという構図は何度も繰り返されてきた。各社が発注の規律を保てるかが問われる。"),
    original={
        "title": "Container freight rates slide as record newbuild deliveries swamp Asia–Europe lanes",
        "url": "https://harborledger.example/2026/11/26/container-rates-slide-asia-europe",
        "source": "The Harbor Ledger",
        "author": "Imogen Tarrant",
        "published_at": "2026-11-26T06:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("shipping-containers.jpg",
            "欧州向け航路では、船腹の余剰が運賃を押し下げている（イメージ）",
            "淡い水色の空の下、色とりどりのコンテナを高く積んだ貨物船が、青い波の上を進む様子を描いた抽象イラスト"),
        FIG("ocean-route.jpg",
            "迂回航路が長期化すれば、需給は一気に引き締まる（イメージ）",
            "濃い青の海を思わせる波線の上で、4つの港を表す白い点を黄色の点線の航路が弧を描いて結ぶ抽象イラスト"),
    ],
    related=["tidewater-levy", "skyloom-constellation", "tessaline-packaging"],
)

# ---------------------------------------------------------------------------
# 5. Climate policy (policy)
# ---------------------------------------------------------------------------
article(
    "tidewater-levy",
    status="published",
    published_at="2026-11-27T07:30:00+09:00",
    category="政策",
    tags=["気候変動", "海運", "炭素価格", "Tidewater Alliance"],
    title="港湾都市連合、停泊中の船舶の排出に課金へ 2028年から1トン45ユーロ",
    lead=("欧州とアジアの12の港湾都市でつくる「Tidewater Alliance」は、停泊中の船舶が排出する二酸化炭素に課金する制度を"
          "2028年から導入することで合意した。陸上電力の利用を促し、港周辺の大気汚染も減らす狙いがある。"),
    body=[
        P("欧州とアジアの主要な港湾都市12市でつくる連合体「Tidewater Alliance」は26日の年次総会で、停泊中の船舶が補助エンジンの"
          "稼働で排出する二酸化炭素に対し、1トンあたり45ユーロを課金する制度を2028年1月から導入することで合意した。",
          "The Tidewater Alliance, a group of 12 major port cities in Europe and Asia, agreed at its annual meeting on "
          "Thursday to charge ships €45 per tonne of carbon dioxide emitted by their auxiliary engines while at berth, "
          "starting in January 2028."),
        P("船舶は停泊中も、照明や冷凍コンテナ、荷役設備のために補助エンジンを動かし続けることが多い。港湾周辺の窒素酸化物や"
          "粒子状物質の主要な発生源となっており、住民の健康への影響が長年の懸案だった。",
          "Ships often keep auxiliary engines running while docked to power lighting, refrigerated containers and "
          "cargo-handling equipment. These engines are a major source of nitrogen oxides and particulate matter around "
          "ports, and their effect on residents' health has long been a concern."),
        P('Tidewater Allianceは2019年、港湾周辺の大気汚染対策で協力するために発足した。加盟都市の港を合わせたコンテナ取扱量は、世界全体の約1割を占める。',
          "The Tidewater Alliance was formed in 2019 to cooperate on tackling air pollution around ports. Together, its member cities' ports handle about a tenth of the world's container traffic."),
        F(1),
        H("陸上電力を使えば課金を免除", "Exemption for ships that plug in to shore power"),
        P("制度の柱は、岸壁から船に電力を供給する「陸上電力」の利用促進だ。陸上電力に接続した船舶は課金を全額免除される。"
          "連合は、加盟都市の岸壁の**7割以上**に2030年までに陸上電力設備を整備する目標も掲げた。",
          "The centerpiece of the scheme is encouraging the use of shore power, which supplies electricity to ships "
          "from the quay. Ships connected to shore power will be fully exempt from the charge. The alliance also set a "
          "goal of equipping **more than 70%** of member cities' berths with shore power by 2030."),
        P("課金による収入は、陸上電力設備の整備と、港湾周辺の大気観測網の拡充に充てる。連合の試算では、制度が全面的に機能すれば、"
          "加盟港での停泊中の排出量は2032年までに約55%減る。",
          "Revenue from the charge will fund shore power installations and an expanded air-quality monitoring network "
          "around ports. The alliance estimates that, once fully in effect, the scheme would cut emissions from ships "
          "at berth in member ports by about 55% by 2032."),
        P('制度は段階的に導入する。2028年は寄港回数の多い大型のコンテナ船とクルーズ船を対象とし、2030年からはタンカーやばら積み船にも広げる。課金額は、船舶自動識別装置の記録と燃料使用量の報告をもとに算定する。',
          "The scheme will be phased in. In 2028 it will apply to large container ships and cruise ships that call frequently, and from 2030 it will extend to tankers and bulk carriers. Charges will be calculated from ships' automatic identification system records and reported fuel consumption."),
        H("海運業界は「二重負担」を懸念", "Shipping industry warns of double charging"),
        P("海運業界の団体は声明で、脱炭素の方向性には賛同するとしながらも、「国際的な排出規制と港ごとの課金が重なれば二重負担になる」"
          "と懸念を示した。陸上電力に対応していない古い船が多いことから、改修費用の支援を求めている。",
          "In a statement, a shipping industry association said it supported the direction of decarbonization but "
          "warned that “stacking port-by-port charges on top of international emissions rules would amount to double "
          "charging.” With many older ships not equipped to take shore power, it called for support to cover "
          "retrofitting costs."),
        P('一方、港湾周辺の住民団体は合意を歓迎しつつ、課金額が低すぎると指摘する。ある団体の代表は「船会社にとって1トン45ユーロは誤差の範囲だ。陸上電力の整備が遅れれば、課金を払って排出を続ける船が残る」と話した。',
          "Residents' groups near the ports welcomed the agreement but said the charge was too low. “For shipping companies, €45 a tonne is a rounding error,” said the head of one group. “If shore power installations fall behind, some ships will simply pay and keep polluting.”"),
        P("連合の議長を務めるヴァルハーヴェン市のアンネ・コルスガード市長は、総会後の会見で次のように述べた。",
          "Anne Korsgaard, mayor of Valhaven and chair of the alliance, said after the meeting:"),
        P("> 港の空気は、港で働く人と港の近くに住む人のものだ。船が止まっている間くらいは、エンジンも止めてもらいたい。",
          "> The air in a port belongs to the people who work there and the people who live next to it. While a ship "
          "is standing still, its engines should be too."),
    ],
    key_points=KP(
        ("停泊中の排出に課金",
         "12の港湾都市が、停泊中の船舶の補助エンジンによるCO2排出に1トン45ユーロを課す制度を2028年1月から導入する。"),
        ("陸上電力なら全額免除",
         "岸壁の電力に接続した船は課金を免除される。2030年までに加盟都市の岸壁の7割以上に設備を整える目標も掲げた。"),
        ("排出は約55%減と試算",
         "課金収入は設備の整備と大気観測に充てる。全面的に機能すれば、停泊中の排出は2032年までに約55%減るとみる。"),
        ("業界は二重負担を懸念",
         "海運業界の団体は、国際的な排出規制との重複を「二重負担」と問題視し、陸上電力に対応していない古い船の改修費用への支援を求めている。"),
    ),
    impact_analysis=(
        "港単位での排出課金は、国際的な海事の枠組みより早く実効性を持つ可能性がある。船会社は寄港地ごとに異なる負担を考慮して"
        "配船を見直す必要があり、陸上電力に対応した新しい船の価値が相対的に高まる。\n\n"
        "日本の港湾でも陸上電力の整備は途上にある。アジアの加盟都市と航路で結ばれる日本の港にとっては、設備の整備状況が"
        "寄港地としての競争力を左右する要素になりうる。"),
    editorial_comment=(
        "「止まっているならエンジンも止めてほしい」という議長の言葉は分かりやすい。ただ、陸上電力の電源が化石燃料であれば、"
        "排出は港から発電所へ移るだけだ。設備の整備率と並んで、供給する電力の中身にも目を向ける必要がある。"),
    original={
        "title": "Tidewater Alliance port cities agree to levy on ship emissions at berth from 2028",
        "url": "https://meridianbusiness.example/policy/2026/11/26/tidewater-alliance-berth-emissions-levy",
        "source": "Meridian Business Daily",
        "author": "Fenella Marsh",
        "published_at": "2026-11-26T20:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("climate-policy.jpg",
            "陸上電力の普及が、港の排出削減のカギを握る（イメージ）",
            "朝焼けのようなオレンジ色の空に大きな太陽が昇り、白い風力発電機の立つ緑の丘が幾重にも重なる抽象イラスト"),
    ],
    related=["container-rates", "datacenter-power"],
)

# ---------------------------------------------------------------------------
# 6. Space launch (science) — figure with video
# ---------------------------------------------------------------------------
article(
    "aldera-kestrel",
    status="published",
    published_at="2026-11-27T10:00:00+09:00",
    category="科学",
    tags=["宇宙開発", "Aldera Aerospace", "ロケット"],
    title="Aldera Aerospace、再使用ロケットの着陸に3回目の成功 月1回の打ち上げ目指す",
    lead=("新興ロケット企業Aldera Aerospaceは、中型ロケット「Kestrel」の第1段を洋上の回収船に着陸させることに成功した。"
          "同じ機体の着陸は3回目で、整備期間は23日まで縮んだ。来年後半には月1回の打ち上げを目指す。"),
    body=[
        P("新興ロケット企業Aldera Aerospaceは26日、中型ロケット「Kestrel」を打ち上げ、地球観測衛星2基を予定の軌道に投入した。"
          "打ち上げ後、第1段は大気圏に再突入して洋上の回収船に垂直着陸した。同じ第1段の着陸成功は今回で3回目となる。",
          "Aldera Aerospace launched its medium-lift Kestrel rocket on Thursday, placing two Earth-observation "
          "satellites into their planned orbit. After launch, the first stage re-entered the atmosphere and landed "
          "vertically on a recovery ship at sea. It was the third successful landing for the same booster."),
        F(1),
        H("整備期間は23日に短縮", "Turnaround cut to 23 days"),
        P("同社によると、前回の飛行から今回の打ち上げまでの整備期間は23日で、1回目から2回目の間の71日から大幅に短くなった。"
          "エンジンの点検手順を見直し、交換部品を事前に用意しておく体制を整えたことが奏功したという。",
          "The company said the booster was readied in 23 days after its previous flight, down sharply from 71 days "
          "between its first and second flights. It credited a revised engine inspection procedure and having "
          "replacement parts ready in advance."),
        P("創業者のマティアス・オルデン最高経営責任者は「再使用の本当の価値は、着陸そのものではなく、どれだけ早く次に飛ばせるかにある」"
          "と述べ、来年後半には月1回の頻度で打ち上げる計画を明らかにした。",
          "“The real value of reuse is not the landing itself but how quickly you can fly again,” said founder and "
          "Chief Executive Matthias Olden, who laid out plans to launch once a month from the second half of next year."),
        P('回収した第1段は、港に戻った後に分解点検を受ける。同社によると、今回の機体では9基のエンジンのうち交換が必要になったのは1基だけで、耐熱材の損傷も想定の範囲内だった。',
          "After returning to port, the recovered first stage is taken apart for inspection. The company said only one of the booster's nine engines needed to be replaced this time, and damage to its heat shielding was within expectations."),
        H("小型衛星の需要を取り込む", "Targeting demand from small satellites"),
        P("Kestrelは低軌道に最大約4トンを運べる。大型ロケットほどの輸送能力はないが、地球観測や通信用の小型衛星を、顧客の希望する"
          "軌道と時期に合わせて打ち上げられる点を売りにしている。相乗りでの打ち上げでは軌道や日程を選びにくいという不満が"
          "衛星事業者の間で根強く、専用便の需要は高まっている。",
          "Kestrel can carry up to about four tonnes to low Earth orbit. It lacks the capacity of heavy rockets, but "
          "Aldera pitches it as a way to launch small Earth-observation and communications satellites on the orbit and "
          "schedule customers want. Satellite operators have long complained that rideshare launches leave little "
          "choice of orbit or timing, and demand for dedicated flights is growing."),
        P('今回の打ち上げで投入された2基の衛星は、欧州の農業データ企業が運用する。作物の生育状況を毎日観測し、肥料をまく時期の判断などに使うデータを農家に提供する計画だという。',
          'The two satellites launched this time will be operated by a European agricultural data company. They will observe crop growth daily and supply farmers with data to help decide, among other things, when to apply fertilizer.'),
        P("同社はすでに2028年までに計19回の打ち上げ契約を結んでいる。ただ、打ち上げ頻度を高めるには、洋上回収船の追加配備や、"
          "射場の使用枠の確保が欠かせない。",
          "The company already has contracts for a total of 19 launches through 2028. Raising its launch cadence, "
          "however, will require additional recovery ships and more slots at the launch range."),
        H("競争は価格と信頼性へ", "Competition shifts to price and reliability"),
        P("中型ロケットの市場では複数の新興企業が再使用技術の開発を急いでおり、競争の軸は「着陸できるか」から「いくらで、どれだけ"
          "確実に運べるか」へと移りつつある。Alderaは1回あたりの打ち上げ価格を公表していないが、業界関係者は従来の使い捨て型より"
          "3〜4割安い水準とみている。",
          "Several start-ups are racing to develop reusable medium-lift rockets, and competition is shifting from "
          "whether a booster can land to how cheaply and reliably it can deliver payloads. Aldera does not disclose "
          "its per-launch price, but industry insiders estimate it is 30% to 40% below comparable expendable rockets."),
    ],
    key_points=KP(
        ("同一機体で3回目の着陸",
         "Kestrelの第1段が洋上の回収船に垂直着陸し、同じ機体での成功は3回目となった。衛星2基も予定の軌道に投入した。"),
        ("整備期間を23日に短縮",
         "エンジンの点検手順を見直し、交換部品を事前に用意する体制を整えたことで、飛行間の整備期間は1回目と2回目の間の71日から23日に縮んだ。"),
        ("来年後半に月1回の打ち上げ",
         "2028年までに計19回の打ち上げ契約を確保済み。月1回の頻度を実現するには、洋上回収船の追加配備と射場の使用枠の確保が条件となる。"),
    ),
    impact_analysis=(
        "小型衛星の打ち上げ手段が増えて価格が下がれば、地球観測データを使ったサービスの事業化が加速する。農業、保険、インフラ監視"
        "などで衛星データの利用を検討する日本企業にとっても、調達の選択肢が広がる。\n\n"
        "一方、打ち上げ頻度の増加は、軌道上の混雑や宇宙ごみの問題を深刻化させる面もある。各国の規制当局が、運用を終えた衛星の処理を"
        "どこまで求めるかが今後の論点となる。"),
    editorial_comment=(
        "再使用ロケットの報道は着陸の映像に注目が集まりがちだが、オルデン氏の言うとおり、事業としての意味は整備期間の短さにある。"
        "23日という数字が偶然ではなく再現できるものかどうかは、次の数回の打ち上げで明らかになるだろう。"),
    original={
        "title": "Aldera Aerospace lands reusable booster for third time, eyes monthly launches",
        "url": "https://northwindtech.example/2026/11/26/aldera-kestrel-third-landing",
        "source": "Northwind Tech Review",
        "author": "Beatrix Holloway",
        "published_at": "2026-11-26T21:30:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("rocket-launch-portrait.jpg",
            "Kestrelの第1段は洋上の回収船に垂直着陸した（イメージ）。着陸の様子は動画で公開されている",
            "星の散らばる濃紺の夜空に、地平線から右上へ向かって光の軌跡が弧を描き、その先端を白いロケットが進む縦長の抽象イラスト",
            video_url="https://video.example/watch/ald3rakes7"),
    ],
    related=["skyloom-constellation"],
)

# ---------------------------------------------------------------------------
# 7. Biotech (science)
# ---------------------------------------------------------------------------
article(
    "fenwick-hearing",
    status="published",
    published_at="2026-11-27T13:00:00+09:00",
    category="科学",
    tags=["バイオテクノロジー", "Fenwick Bio", "臨床試験"],
    title="遺伝性難聴の遺伝子治療、18人中14人で聴力改善 Fenwick Bioが中間段階の試験結果",
    lead=("米バイオ企業Fenwick Bioは、特定の遺伝子変異による先天性難聴を対象とした遺伝子治療の第2相試験で、投与を受けた子どもの"
          "多くで聴力の改善が1年以上続いたと発表した。重い副作用は報告されていないが、対象となる患者は限られる。"),
    body=[
        P("米バイオテクノロジー企業のFenwick Bioは26日、遺伝性難聴の遺伝子治療候補「FB-204」の第2相臨床試験の結果を公表した。"
          "生まれつき特定の遺伝子が働かず、音を神経の信号に変換できない子ども18人に投与したところ、14人で聴力の改善がみられ、"
          "その効果は1年以上持続した。",
          "US biotechnology company Fenwick Bio on Thursday released results from a Phase 2 clinical trial of FB-204, "
          "its experimental gene therapy for inherited hearing loss. Of 18 children born with a non-working copy of a "
          "specific gene, leaving them unable to convert sound into nerve signals, 14 showed improved hearing, and the "
          "gains lasted more than a year."),
        P("FB-204は、無害化したウイルスを運び役として、正常な遺伝子を内耳の細胞に届ける。手術で内耳に1回注入するだけで済み、"
          "補聴器や人工内耳とは異なり、本来の聴覚の仕組みそのものを回復させることを目指している。",
          "FB-204 uses a harmless virus as a carrier to deliver a working copy of the gene to cells in the inner ear. "
          "It requires a single surgical injection into the inner ear and, unlike hearing aids or cochlear implants, "
          "aims to restore the ear's natural mechanism of hearing."),
        F(1),
        H("会話の聞き取りも改善", "Gains in understanding speech"),
        P("改善がみられた14人のうち9人は、投与前には大きな音にもほとんど反応しなかったが、1年後には静かな環境で日常会話を"
          "聞き取れる水準に達した。重い副作用は報告されず、主な有害事象は手術に伴う一時的なめまいだった。",
          "Nine of the 14 children who improved had barely responded even to loud sounds before treatment, but after a "
          "year they could follow everyday conversation in a quiet room. No serious side effects were reported; the "
          "most common adverse event was temporary dizziness related to surgery."),
        P("試験を率いた小児耳鼻科医のエリアス・モンフォール医師は「言葉を覚える時期の子どもにとって、数カ月の差が大きな意味を持つ。"
          "早く治療できる体制をどう整えるかが次の課題だ」と述べた。",
          "“For children at the age when they are learning language, a few months make a big difference,” said "
          "Dr. Elias Montfort, the pediatric ear specialist who led the trial. “The next challenge is how to make sure "
          "they can be treated early.”"),
        P('試験に参加した子どもの保護者の一人は、同社を通じて「名前を呼んだら初めて振り向いてくれた日のことは忘れられない」とのコメントを寄せた。一方で、改善の程度には個人差が大きく、4人では明確な効果がみられなかった。',
          'One parent of a child in the trial said in a comment released by the company: “I will never forget the day she turned around for the first time when I called her name.” The degree of improvement varied widely, however, and four children showed no clear benefit.'),
        H("対象は限られ、価格も課題に", "A narrow population and a pricing question"),
        P("ただし、この治療の対象となる遺伝子変異は、先天性難聴全体のごく一部にとどまる。試験の規模も小さく、効果が何年続くかは"
          "まだ分からない。同社は2027年に規模を拡大した最終段階の試験を始め、2029年の承認申請を目指すとしている。",
          "The gene mutation targeted by the therapy, however, accounts for only a small share of congenital hearing "
          "loss. The trial was small, and it is not yet known how many years the effect will last. The company said it "
          "would begin a larger, final-stage trial in 2027 and aims to file for approval in 2029."),
        P('効果がみられなかった4人については、投与時の年齢が比較的高かったことが影響した可能性があると研究チームはみている。内耳の細胞は成長とともに変化するため、治療が効きやすい時期は限られるとの仮説があり、次の試験ではより低い年齢での投与を検証する。',
          'The research team believes that the relatively older age at which the four children without clear benefit were treated may have played a role. One hypothesis is that inner-ear cells change as children grow, narrowing the window in which the treatment works best, and the next trial will test treatment at younger ages.'),
        P("希少疾患向けの遺伝子治療は1回の投与で数億円の価格がつく例もあり、実用化されれば費用負担が議論を呼ぶのは確実だ。"
          "Fenwick Bioは価格について「現時点で言及するのは時期尚早だ」としている。",
          "Some one-time gene therapies for rare diseases carry prices of several million dollars, and any approved "
          "treatment is certain to spark debate over who pays. Fenwick Bio said it was “too early” to discuss pricing."),
    ],
    key_points=KP(
        ("18人中14人で聴力が改善",
         "遺伝子治療候補「FB-204」の第2相試験で、遺伝性難聴の子ども18人に投与したところ14人で聴力が改善した。効果は1年以上続いている。"),
        ("1回の注入で本来の聴覚を回復",
         "無害化したウイルスを運び役に、正常な遺伝子を内耳の細胞に届ける。補聴器や人工内耳と違い、聴覚の仕組みそのものの回復を目指す。"),
        ("重い副作用は報告なし",
         "重い副作用は報告されず、主な有害事象は手術に伴う一時的なめまいだった。ただし試験は小規模で、効果が何年続くかはまだ分からない。"),
        ("2029年の承認申請を目指す",
         "2027年に規模を拡大した最終段階の試験を始める予定。ただ、対象となる変異は先天性難聴のごく一部で、価格も今後の論点となる。"),
    ),
    impact_analysis=(
        "内耳への遺伝子治療は、ここ数年で複数の研究グループが成果を報告している分野だ。今回の結果は、効果が1年以上続くことを"
        "比較的まとまった人数で示した点で、この領域への投資や共同研究を後押しするとみられる。\n\n"
        "日本でも新生児の聴覚検査は広く行われており、遺伝子検査と組み合わせれば、治療の対象となる子どもを早期に見つけることは可能だ。"
        "承認された場合に備え、診断から治療までの体制づくりを議論しておく価値がある。"),
    editorial_comment=(
        "18人という規模の試験で「治った」と言うのは早い。それでも、言葉を覚える時期の子どもにとって、聴力の改善が持つ意味は大きい。"
        "効果の持続と価格という二つの問いに、同社がどこまで誠実に答えるかを見守りたい。"),
    original={
        "title": "Fenwick Bio's gene therapy for inherited hearing loss shows durable gains in mid-stage trial",
        "url": "https://atlasresearch.example/news/2026/11/fenwick-bio-fb-204-phase-2",
        "source": "Atlas Research Letters",
        "author": "Rosalind Achterberg",
        "published_at": "2026-11-27T01:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("biotech-helix.jpg",
            "FB-204は、無害化したウイルスを使って正常な遺伝子を内耳の細胞に届ける（イメージ）",
            "青緑から薄緑へのグラデーションの上に、赤と黄色の点を縦線で結んだ二重らせんのような列が横に伸び、白い輪の細胞が浮かぶ抽象イラスト"),
    ],
    related=["quillon-funding", "world-model-paper"],
)

# ---------------------------------------------------------------------------
# 8. Consumer electronics (technology) — figure with video
# ---------------------------------------------------------------------------
article(
    "pellucid-folio",
    status="published",
    published_at="2026-11-27T16:30:00+09:00",
    category="テクノロジー",
    tags=["家電", "Pellucid", "電子ペーパー"],
    title="Pellucid、折りたためるカラー電子ペーパー端末を発表 「光らない画面」で差別化",
    lead=("家電メーカーPellucidは、折りたたむと手帳ほどの大きさになるカラー電子ペーパー端末「Folio C」を発表した。"
          "バックライトのない画面で目の疲れを抑え、1回の充電で約3週間使えるという。価格は449ドルで、来年2月に発売する。"),
    body=[
        P("米家電メーカーのPellucidは26日、折りたたみ式のカラー電子ペーパー端末「Folio C」を発表した。開くと10.3インチ、"
          "閉じると手帳ほどの大きさになる。価格は449ドルで、来年2月から北米と欧州で販売する。日本での発売は未定だ。",
          "Pellucid, the US consumer electronics maker, on Thursday unveiled the Folio C, a foldable color e-paper "
          "tablet. It measures 10.3 inches when open and folds to the size of a pocket notebook. It will go on sale in "
          "North America and Europe in February for $449. No date has been set for Japan."),
        P("電子ペーパーは、液晶や有機ELと違って自ら光を出さず、周囲の光を反射して表示する。紙に近い見え方で目が疲れにくく、"
          "表示を書き換えるときにしか電力を使わないのが特長だ。Folio Cは1回の充電で約3週間使えるとしている。",
          "Unlike LCD and OLED screens, e-paper does not emit light but reflects ambient light. It looks closer to "
          "paper, is easier on the eyes and only draws power when the image changes. Pellucid says the Folio C lasts "
          "about three weeks on a single charge."),
        F(1),
        H("課題だった折り目と色の再現", "Tackling the crease and color"),
        P("折りたたみ式の電子ペーパーでは、折り目部分の表示のゆがみと、色の鮮やかさが課題とされてきた。Pellucidは独自のヒンジ構造で"
          "折り目の曲がり方を緩やかにし、カラーフィルターの改良で従来製品より色の再現範囲を約1.5倍に広げたと説明している。",
          "Foldable e-paper has struggled with distortion along the fold and with dull colors. Pellucid says its own "
          "hinge design gives the fold a gentler curve, and an improved color filter expands the color range by about "
          "1.5 times compared with earlier products."),
        P("ただし、画面の書き換え速度は液晶に及ばず、動画の再生には向かない。同社も用途を読書、手書きのメモ、文書の閲覧に絞っており、"
          "「スマートフォンやタブレットの代わりではなく、集中して読むための道具」と位置づけている。",
          "Refresh speeds still lag those of LCDs, however, and the device is not suited to video. Pellucid is "
          "focusing on reading, handwritten notes and reviewing documents, describing the Folio C as “a tool for "
          "focused reading, not a replacement for your phone or tablet.”"),
        P('付属のペンで画面に直接書き込むことができ、手書きの文字は端末内で検索できる。メモや資料の同期には同社のクラウドサービスを使うが、基本的な機能はインターネットに接続しなくても使えるという。',
          "A bundled stylus lets users write directly on the screen, and handwritten notes can be searched on the device. Notes and documents sync through Pellucid's cloud service, but the basic functions work without an internet connection, the company says."),
        H("「通知の来ない端末」に需要", "Demand for devices without notifications"),
        P("Pellucidのクララ・ヴィンセント製品責任者は、発表会で次のような利用者像を挙げた。",
          "At the launch event, Pellucid's head of product, Clara Vincent, described the users the company has in mind:"),
        P("- 長い資料を紙に印刷して読んでいたビジネスパーソン\n"
          "- 夜にスマートフォンを見る時間を減らしたい読書好き\n"
          "- 授業のノートを手書きでとる学生",
          "- Professionals who print long documents to read them on paper\n"
          "- Book lovers who want to spend less time on their phones at night\n"
          "- Students who take lecture notes by hand"),
        P("調査会社の推計では、電子ペーパー端末の世界出荷台数は今年、前年比で約15%増える見通しだ。スマートフォンの利用時間を"
          "意識して減らそうとする消費者が増えていることが背景にあるという。",
          "A research firm estimates that global shipments of e-paper devices will grow about 15% this year, driven "
          "partly by consumers who are consciously trying to cut their smartphone screen time."),
        P('競合する電子書籍リーダーのメーカー各社もカラー表示や大画面の新製品を相次いで投入しており、価格競争は激しくなりつつある。Pellucidは、折りたたみという独自の形で、持ち運びやすさと画面の大きさを両立させた点を強調している。',
          "Rival e-reader makers have also been launching new models with color displays and larger screens, and price competition is intensifying. Pellucid emphasizes that the Folio C's foldable design combines portability with a large screen."),
    ],
    key_points=KP(
        ("開くと10.3インチ、449ドル",
         "折りたたむと手帳ほどの大きさになるカラー電子ペーパー端末「Folio C」を、来年2月に北米と欧州で発売する。日本での発売時期は未定。"),
        ("1回の充電で約3週間",
         "自ら光を出さず、周囲の光を反射して表示するため目が疲れにくい。表示を書き換えるときしか電力を使わず、1回の充電で約3週間もつ。"),
        ("折り目と色を改良",
         "独自のヒンジ構造で、折り目部分の表示のゆがみを抑えた。カラーフィルターの改良により、色の再現範囲は従来製品の約1.5倍に広がった。"),
        ("動画の再生には不向き",
         "画面の書き換え速度は液晶に及ばない。同社は用途を読書や手書きのメモ、文書の閲覧に絞り、「集中して読むための道具」と位置づける。"),
    ),
    impact_analysis=(
        "電子ペーパー端末は長く電子書籍リーダーの一分野にとどまってきたが、スマートフォン疲れを背景に、メモや文書の閲覧を含む"
        "「集中のための端末」として市場が広がりつつある。色と折りたたみの両立は、これまでの弱点を補う一歩となる。\n\n"
        "電子ペーパーの表示材料や部品では日本企業の関与も大きい。製品の多様化が進めば、部材の需要拡大につながる可能性がある。"),
    editorial_comment=(
        "できることを増やすのではなく、あえて絞り込んだ端末が支持を集めているのは興味深い。449ドルという価格が「集中」の対価として"
        "受け入れられるかどうか。公開された動画を見る限り、折りたたみの完成度は高そうだ。"),
    original={
        "title": "Pellucid's foldable color e-paper tablet aims at readers tired of glowing screens",
        "url": "https://northwindtech.example/2026/11/27/pellucid-folio-c-foldable-e-paper",
        "source": "Northwind Tech Review",
        "author": "Tobias Renner-Hale",
        "published_at": "2026-11-27T04:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("consumer-devices.jpg",
            "Folio Cは開くと10.3インチ、閉じると手帳ほどの大きさになる（イメージ）。製品紹介の動画も公開されている",
            "パステル調の背景に、青い画面のタブレット、文字の行のような線が並ぶ見開きの電子ペーパー端末、ピンクの画面の小型端末が影を落として並ぶ抽象イラスト",
            video_url="https://video.example/watch/pcd7folio"),
    ],
    related=["tessaline-packaging"],
)

# ---------------------------------------------------------------------------
# 9. Regulation (policy) — contains 失敗
# ---------------------------------------------------------------------------
article(
    "ai-audit-rules",
    status="published",
    published_at="2026-11-27T19:00:00+09:00",
    category="政策",
    tags=["AI規制", "AI研究", "Halcyon Labs"],
    title="高性能AIに公開前の第三者監査を義務づけ 規制当局が新ルール案",
    lead=("アルゴリズム安全局（OAS）は、一定以上の計算量で開発された高性能AIモデルについて、公開前に第三者機関による安全性監査を"
          "義務づける規則案を公表した。開発企業の自主的な取り組みだけでは不十分だと判断した。"),
    body=[
        P("AIシステムの安全性を所管するアルゴリズム安全局（OAS）は26日、一定の計算量を超えて学習された高性能AIモデルを対象に、"
          "一般公開の前に独立した第三者機関の安全性監査を受けることを義務づける規則案を公表した。60日間の意見募集を経て、"
          "2027年後半の施行を目指す。",
          "The Office for Algorithmic Safety (OAS), which oversees the safety of AI systems, on Thursday published "
          "draft rules requiring highly capable AI models trained above a set compute threshold to undergo a safety "
          "audit by an independent third party before public release. After a 60-day consultation, it aims to bring "
          "the rules into force in the second half of 2027."),
        P("OASは規則案の説明資料で、主要な開発企業が3年前に署名した自主的な安全基準について「報告の内容と時期が各社の判断に委ねられ、"
          "比較も検証もできなかった」と指摘し、自主規制の枠組みを事実上の失敗と断じた。",
          "In a briefing document accompanying the draft, the OAS said voluntary safety commitments signed by major "
          "developers three years ago had left “the content and timing of reporting to each company's discretion, "
          "making comparison and verification impossible,” in effect declaring the self-regulation framework a failure."),
        F(1),
        H("監査の対象と中身", "What would be audited"),
        P("規則案によると、監査では主に次の項目を確認する。",
          "Under the draft, audits would mainly examine the following:"),
        P("- サイバー攻撃や危険物の製造に悪用されうる能力の有無\n"
          "- 開発企業が定めた安全対策が実際に機能しているか\n"
          "- 学習データの出所と、個人情報の扱い\n"
          "- 重大な問題が見つかった場合に公開を停止する手順",
          "- Whether the model has capabilities that could be misused for cyberattacks or for making dangerous substances\n"
          "- Whether the developer's own safety measures actually work\n"
          "- The provenance of training data and the handling of personal information\n"
          "- Procedures for halting a release if serious problems are found"),
        P("対象となるのは、学習に使われた計算量が規則で定める基準を超えるモデルで、OASは現時点で該当するのは世界で10程度だと"
          "見積もっている。研究目的で限られた相手にのみ提供する場合は、一部の手続きが簡略化される。",
          "The rules would cover models whose training compute exceeds a threshold set in the regulation. The OAS "
          "estimates that about ten models worldwide currently qualify. Some procedures would be simplified for models "
          "provided only to a limited group for research purposes."),
        P('罰則も盛り込まれた。監査を受けずにモデルを公開した場合、企業は世界売上高の最大4%の制裁金を科される可能性がある。監査結果の要約は公表が求められるが、悪用につながりうる詳細な情報は非公開とする。',
          'The draft also includes penalties. A company that releases a model without an audit could face fines of up to 4% of its global revenue. A summary of each audit would have to be published, while detailed information that could enable misuse would be kept confidential.'),
        H("開発企業の反応は割れる", "Developers are divided"),
        P("開発企業の反応は分かれた。Halcyon Labsは「独立した検証は信頼の前提であり、歓迎する」との声明を出した。一方、別の大手"
          "開発企業の幹部は匿名を条件に「監査機関の能力が追いつかず、公開が何カ月も遅れかねない」と懸念を示した。",
          "Developers reacted differently. Halcyon Labs said in a statement that “independent verification is a "
          "precondition for trust, and we welcome it.” An executive at another large developer, speaking on condition "
          "of anonymity, warned that “auditors lack the capacity, and releases could be delayed by months.”"),
        P('利用者の側からは規則案を評価する声が出ている。AIを業務に導入している企業の団体は「どのモデルが安全性の確認を受けているかが分かれば、調達の判断がしやすくなる」とのコメントを出した。',
          'Users of AI welcomed the draft. An association of companies that use AI in their operations said that “knowing which models have passed safety checks will make procurement decisions easier.”'),
        P("監査を担える専門機関はまだ少なく、OASは監査人の認定制度を同時に整備するとしている。規則の実効性は、その人材と体制を"
          "どれだけ早く確保できるかにかかっている。",
          "Few specialist organizations are yet able to conduct such audits, and the OAS says it will set up an "
          "accreditation scheme for auditors at the same time. How effective the rules prove will depend on how "
          "quickly that expertise and capacity can be built."),
        P('意見募集は来年1月下旬まで行われる。OASは、寄せられた意見を踏まえて計算量の基準値を見直す可能性も示唆している。',
          'The consultation runs until late January. The OAS has suggested that it may revise the compute threshold in light of the comments it receives.'),
    ],
    key_points=KP(
        ("公開前の第三者監査を義務化",
         "一定の計算量を超える高性能AIモデルに、一般公開前の独立機関による安全性監査を求める規則案。2027年後半の施行を目指す。"),
        ("自主規制は「事実上の失敗」",
         "OASは主要企業が3年前に署名した自主的な安全基準について、報告の内容と時期が各社任せで、比較も検証もできなかったと総括した。"),
        ("対象は世界で10程度",
         "悪用のリスク、安全対策の実効性、学習データの出所などを確認する。該当するモデルは現時点で世界に10程度で、研究目的の限定提供は手続きを簡略化する。"),
        ("監査人材の不足が課題",
         "開発企業の反応は歓迎と懸念に割れた。監査を担える専門機関はまだ少なく、監査人の認定制度をどれだけ早く整えられるかが実効性を左右する。"),
    ),
    impact_analysis=(
        "規則案が施行されれば、対象となる開発企業は公開スケジュールに監査期間を組み込む必要が生じる。新モデルの投入間隔が長くなり、"
        "競争の速度そのものが変わる可能性がある。\n\n"
        "監査の基準がほかの国・地域にも参照されれば、事実上の国際標準となることも考えられる。海外の高性能モデルを利用する日本企業も、"
        "提供元が監査に対応しているかどうかを調達時の確認項目に加えることになりそうだ。"),
    editorial_comment=(
        "自主規制の成果を率直に否定した総括は評価できる。ただ、監査する側の能力が不十分なまま義務だけを先行させれば、形式的な審査が"
        "積み上がるだけになりかねない。規則そのものよりも、監査人の育成計画の中身に注目したい。"),
    original={
        "title": "Regulator proposes mandatory independent audits for the most capable AI models",
        "url": "https://meridianbusiness.example/policy/2026/11/27/oas-draft-ai-audit-rules",
        "source": "Meridian Business Daily",
        "author": "Margot Ellery",
        "published_at": "2026-11-27T07:30:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("regulation-pillars.jpg",
            "規則案は、高性能AIの公開前に独立した監査を求める（イメージ）",
            "淡い灰青色の背景に、白い柱が並ぶ神殿風の建物が描かれ、紺色の三角屋根の中に金色の天秤が置かれた抽象イラスト"),
    ],
    related=["halcyon-interview", "world-model-paper"],
)

# ---------------------------------------------------------------------------
# 10. Long interview (technology) — 世界モデル, 失敗, ~2,000 characters
# ---------------------------------------------------------------------------
article(
    "halcyon-interview",
    status="published",
    published_at="2026-11-28T08:00:00+09:00",
    category="テクノロジー",
    tags=["世界モデル", "Halcyon Labs", "AI研究", "大規模言語モデル"],
    title="「言語だけでは世界を理解する機械は作れない」 Halcyon Labs首席研究者、世界モデルに研究資源を集中",
    lead=("AI研究機関Halcyon Labsの首席研究者イングリッド・ソーレン氏はインタビューで、大規模言語モデルの規模拡大だけでは"
          "物理世界を理解するAIには届かないとの考えを示した。同研究所は来年から研究資源の約6割を世界モデルに振り向ける。"),
    body=[
        P("エディンバラに拠点を置くAI研究機関Halcyon Labsの首席研究者、イングリッド・ソーレン氏はNorthwind Tech Reviewのインタビューに応じ、"
          "文章の予測を通じて学習する**大規模言語モデル**の規模拡大だけでは、物理的な世界を理解し、その中で行動できるAIは実現できない"
          "との見方を示した。同研究所は来年から、研究資源の約6割を「世界モデル」の開発に振り向ける。",
          "Ingrid Soren, chief scientist at Halcyon Labs, the Edinburgh-based AI research institute, told Northwind "
          "Tech Review in an interview that scaling up **large language models**, which learn by predicting text, will "
          "not on its own produce AI that understands the physical world and can act in it. From next year the "
          "institute will devote about 60% of its research resources to developing world models."),
        P("ソーレン氏は言語モデルの成果そのものは高く評価する。「文章の要約や翻訳、プログラムの作成で、言語モデルは多くの専門家の"
          "予想を超えた」と述べた上で、「しかし、言葉は世界の出来事を人間が圧縮して書き残したものにすぎない。圧縮された記録をいくら"
          "読んでも、重さや摩擦、時間の流れを体で知ることはできない」と語った。",
          "Soren does not dismiss what language models have achieved. “In summarizing, translating and writing code, "
          "language models have exceeded what many experts expected,” she said. “But words are only a compressed "
          "record that humans have left of what happens in the world. However much of that record you read, you "
          "cannot come to know weight, friction or the passage of time.”"),
        F(1),
        H("「予測できること」と「理解すること」", "Predicting versus understanding"),
        P("ソーレン氏が世界モデルと呼ぶのは、カメラやセンサーから得た情報をもとに「この行動をとれば次に何が起きるか」を予測する"
          "仕組みだ。言語モデルが次の単語を予測するのに対し、世界モデルは次の世界の状態を予測する。ロボットや自動運転車のように、"
          "現実の環境で行動するAIには欠かせないというのが同氏の主張だ。",
          "What Soren calls a world model is a system that uses information from cameras and sensors to predict what "
          "will happen next if a given action is taken. Where a language model predicts the next word, a world model "
          "predicts the next state of the world. She argues this is essential for AI that acts in real environments, "
          "such as robots and self-driving cars."),
        P('言語モデルが「コップを押すと倒れる」と答えられるのは、そう書かれた文章を大量に読んだからだ。だが、どれほどの力で、どの角度から押せば倒れるのかという問いには、文章から学んだ知識だけでは正確に答えられない、と同氏は説明する。',
          'A language model can say that a cup will tip over if pushed because it has read a great many sentences saying so. But knowledge learned from text alone, she explained, cannot accurately answer how hard, and from what angle, the cup must be pushed for it to fall.'),
        P("同氏は、言語モデルにロボットを操作させる試みがここ数年相次いだことにも触れた。「指示の理解は見事だった。だが、コップを"
          "つかむ力加減や、濡れた床の歩き方になると途端に頼りなくなる。多くのプロジェクトは、言語の能力を物理の能力と取り違えたまま"
          "進められた」と述べ、一部の取り組みを失敗と断じた。",
          "She also referred to the wave of efforts in recent years to have language models control robots. “Their "
          "grasp of instructions was impressive. But when it came to how firmly to grip a cup, or how to walk on a wet "
          "floor, they suddenly became unreliable. Many projects went ahead mistaking linguistic ability for physical "
          "ability,” she said, calling some of those efforts failures."),
        H("研究資源の6割を振り向け", "Sixty percent of resources redirected"),
        P("Halcyon Labsは現在、約420人の研究者と技術者を抱える。来年からはその約6割を世界モデル関連のチームに配置し、計算資源も"
          "同じ比率で配分する。言語モデルの研究を打ち切るわけではなく、世界モデルと組み合わせて使う「対話できるロボット」の基盤として"
          "維持するという。",
          "Halcyon Labs currently employs about 420 researchers and engineers. From next year around 60% of them will "
          "be assigned to world-model teams, with computing resources allocated in the same proportion. Language-model "
          "research will not be shut down; it will be kept as the foundation for “robots you can talk to” that combine "
          "the two approaches."),
        P('人材の面でも変化が出ている。同研究所は今年、ロボット工学や制御工学の専門家を約50人採用した。ソーレン氏は「言語モデルの研究者だけでは世界モデルは作れない。実際に物を動かしてきた人たちの知恵が必要だ」と話す。',
          'The shift is also visible in hiring. The institute recruited about 50 specialists in robotics and control engineering this year. “You cannot build world models with language-model researchers alone,” Soren said. “You need the know-how of people who have actually made things move.”'),
        P("同研究所が今月発表した論文では、ラベルのない約40万時間分の動画から学習した世界モデルにより、ロボットアームが訓練時に"
          "見たことのない作業で平均61%の成功率を記録した。ソーレン氏は「まだ始まりにすぎない。家庭の台所のように散らかった環境で、"
          "人の隣で安全に動けるようになるには、少なくとも数年はかかる」と慎重な見方も示した。",
          "In a paper the institute published this month, a world model trained on roughly 400,000 hours of unlabeled "
          "video enabled a robot arm to reach an average success rate of 61% on tasks it had never seen in training. "
          "“This is only the beginning,” Soren cautioned. “It will take at least several years before these systems "
          "can work safely next to people in cluttered places like a home kitchen.”"),
        F(2),
        H("計算資源の争奪と、もう一つの道", "The race for compute, and another path"),
        P("世界モデルの学習では、文章よりはるかにデータ量の多い動画を扱うため、膨大な計算資源が必要になる。Halcyon Labsは今年、"
          "北欧のデータセンター事業者と長期の利用契約を結んだが、ソーレン氏は「計算資源の量で大手企業と競うつもりはない」と話す。",
          "Training world models requires vast computing resources, because video carries far more data than text. "
          "Halcyon Labs signed a long-term agreement with a Nordic data center operator this year, but Soren said the "
          "institute “has no intention of competing with big companies on the sheer amount of compute.”"),
        P("同氏が重視するのは学習の効率だ。動画のすべての画素を予測するのではなく、物体の位置や速度といった抽象的な特徴だけを"
          "予測する手法を採ることで、必要な計算量を従来の数分の一に抑えられるという。「人間の赤ちゃんは、インターネット上のすべての"
          "動画を見てから歩き始めるわけではない」と同氏は言う。",
          "What she emphasizes instead is learning efficiency. By predicting only abstract features such as the "
          "positions and velocities of objects, rather than every pixel of a video, the institute says it can cut the "
          "computation needed to a fraction of earlier approaches. “A human baby does not watch every video on the "
          "internet before it starts to walk,” she said."),
        P('データの集め方にも工夫がある。Halcyon Labsは、工場や倉庫を運営する企業と提携し、作業の様子を撮影した動画を匿名化したうえで研究に使う取り組みを始めた。提携先には、学習したモデルを優先的に利用できる権利を与えるという。',
          'The institute is also rethinking how it collects data. Halcyon Labs has started working with companies that run factories and warehouses, using anonymized video of their operations for research. In return, partners receive priority access to the trained models.'),
        H("業界の見方は分かれる", "The industry is divided"),
        P("ソーレン氏の主張には異論もある。言語モデルの開発を主導する企業の研究者の間では、動画や音声を含む大量のデータで学習した"
          "大規模モデルが、明示的な世界モデルを持たなくても物理的な常識を身につけつつあるとの見方が根強い。ある研究者は「どちらの道が"
          "正しいかは、理論ではなく結果で決まる」と話した。",
          "Not everyone agrees. Among researchers at companies leading language-model development, many believe that "
          "large models trained on vast amounts of data, including video and audio, are acquiring physical common "
          "sense without an explicit world model. “Which path is right will be decided by results, not theory,” one "
          "researcher said."),
        P('安全性をめぐる論点もある。行動の結果を予測できるAIは、裏を返せば、望ましくない結果を意図的に引き起こす方法も見つけられる。ソーレン氏は、規制当局が検討している高性能AIの第三者監査について「物理世界で動くAIこそ、独立した検証が必要だ」と述べ、制度づくりに協力する考えを示した。',
          'Safety is another issue. An AI that can predict the consequences of actions can, conversely, also find ways to bring about undesirable outcomes on purpose. Referring to the independent audits of highly capable AI that regulators are considering, Soren said that “AI that acts in the physical world is exactly what needs independent verification,” and signaled that the institute would help shape the rules.'),
        P("ソーレン氏自身も、両者の境界はあいまいになりつつあると認める。そのうえで、インタビューを次のように締めくくった。",
          "Soren herself acknowledges that the line between the two is blurring. She ended the interview with this:"),
        P("> 10年後に振り返ったとき、私たちが賭けを外していたと分かるかもしれない。それでも、誰かが別の道を真剣に試さなければ、"
          "分野全体が一つの方法に閉じこもってしまう。",
          "> Ten years from now we may look back and find that we bet wrong. But unless someone seriously tries a "
          "different path, the whole field will lock itself into a single method."),
    ],
    key_points=KP(
        ("言語だけでは物理世界に届かない",
         "ソーレン氏は、文章の予測で学ぶ言語モデルの規模拡大だけでは、現実の環境で行動するAIは実現できないと主張した。"),
        ("世界モデルは次の状態を予測",
         "言語モデルが次の単語を予測するのに対し、世界モデルはカメラやセンサーの情報から、行動の結果として次に起きる世界の状態を予測する。"),
        ("研究資源の6割を集中",
         "約420人の研究者・技術者と計算資源の約6割を世界モデルに振り向ける。言語モデル研究は組み合わせの基盤として維持する。"),
        ("規模より効率で勝負",
         "動画の画素ではなく、物体の位置や速度といった抽象的な特徴だけを予測することで、必要な計算量を従来の数分の一に抑えられるという。"),
        ("業界の見方は割れる",
         "大規模モデルは明示的な世界モデルなしに物理的な常識を獲得しつつあるとの反論も根強い。どちらの道が正しいかは結果で決まる。"),
    ),
    impact_analysis=(
        "AI開発の主戦場が言語から物理世界へ広がれば、ロボット、製造、物流、自動運転など、日本企業が強みを持つ分野の重要性が増す。"
        "現場の動作データや設備を持つ企業が、研究機関の有力な提携相手になる可能性がある。\n\n"
        "一方、世界モデルの学習に必要な動画やセンサーのデータは、文章以上に権利や個人情報の扱いが複雑だ。データの収集と利用の"
        "ルールづくりが、技術開発と並ぶ課題になる。"),
    editorial_comment=(
        "ソーレン氏の主張自体は目新しいものではないが、研究所の資源配分を実際に変えたという点で重みがある。言語モデルへの集中が続く中、"
        "別の道に本気で賭ける組織があることは分野全体にとって健全だ。「賭けを外すかもしれない」と率直に語る姿勢にも好感が持てる。"),
    original={
        "title": "Halcyon Labs' chief scientist: ‘Language alone will not get us to machines that understand the world’",
        "url": "https://northwindtech.example/2026/11/27/interview-halcyon-labs-ingrid-soren-world-models",
        "source": "Northwind Tech Review",
        "author": "Sebastian Quill",
        "published_at": "2026-11-27T19:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("ai-lab-network.jpg",
            "Halcyon Labsは、研究資源の約6割を世界モデルに振り向ける（イメージ）",
            "濃い紫の背景に、大小の光る点が細い線で結ばれたネットワーク状の図形が広がる抽象イラスト"),
        FIG("data-center.jpg",
            "世界モデルの学習には膨大な計算資源が必要になる（イメージ）",
            "暗い紺色の空間の奥へ向かって、小さな緑や橙の光が点るサーバーラックのような縦長の柱が両側に並ぶ抽象イラスト"),
    ],
    related=["world-model-paper", "ai-audit-rules", "rheinwerk-world-model"],
)

# ---------------------------------------------------------------------------
# 11. Data center power demand (business)
# ---------------------------------------------------------------------------
article(
    "datacenter-power",
    status="published",
    published_at="2026-11-28T10:30:00+09:00",
    category="ビジネス",
    tags=["データセンター", "電力", "気候変動"],
    title="データセンター向け電力需要が急増 電力大手が需要見通しを3割上方修正",
    lead=("AI向けデータセンターの建設計画が相次ぎ、電力会社が需要見通しの上方修正を迫られている。中西部の電力大手Greyfield Energyは"
          "2032年のピーク需要予測を約3割引き上げ、石炭火力の廃止も延期する。脱炭素の計画にも影響が出始めた。"),
    body=[
        P("米中西部の電力大手Greyfield Energyは27日、2032年の供給区域内のピーク電力需要が約2万1000メガワットに達するとの新たな予測を"
          "公表した。1年前の予測から約3割の上方修正で、増加分の大半はデータセンターの新設によるものだという。",
          "Greyfield Energy, a major utility in the US Midwest, on Friday published a new forecast that peak "
          "electricity demand in its service area will reach about 21,000 megawatts in 2032. That is roughly 30% higher "
          "than its forecast a year ago, and most of the increase comes from new data centers."),
        P("同社に寄せられたデータセンターからの接続申請は、この1年で合計約1万4000メガワット分に達した。すべてが実際に建設される"
          "わけではないが、同社は「過去20年間で経験したことのない規模だ」としている。",
          "Connection requests from data centers submitted to the company over the past year totaled about 14,000 "
          "megawatts. Not all of them will be built, but the company said the volume was “unlike anything we have "
          "seen in the past 20 years.”"),
        P('申請の中には、同じ事業者が複数の候補地で同時に出しているものも多いとみられる。Greyfieldは今回から、申請時に一定の保証金を預けることを求め、実現性の低い計画をふるい落とす仕組みを導入した。',
          'Many of the requests are thought to come from the same developers applying at several candidate sites at once. Greyfield has begun requiring a deposit with each application, to weed out projects that are unlikely to go ahead.'),
        F(1),
        H("石炭火力の廃止を延期", "Coal plant retirements postponed"),
        P("需要の急増を受け、Greyfieldは2028年に予定していた石炭火力発電所2基の廃止を2031年まで延期する方針を示した。同時に、"
          "太陽光と蓄電池の導入計画を前倒しし、ガス火力発電所1基を新設する。",
          "In response to the surge in demand, Greyfield said it would postpone the retirement of two coal-fired "
          "units, originally planned for 2028, until 2031. At the same time it will bring forward plans for solar "
          "power and battery storage and build one new gas-fired plant."),
        P('Greyfieldは、廃止を延期する石炭火力2基について、稼働を需要の多い夏と冬のピーク時に限るとしている。年間の稼働率は従来の半分以下に抑える計画だという。',
          'Greyfield said the two coal units would run only during peak demand in summer and winter, and it plans to keep their annual utilization below half of previous levels.'),
        P("環境団体はこの方針に強く反発している。ある団体は声明で「一部の企業のデータセンターのために、地域の住民が大気汚染と"
          "電気料金の上昇という負担を背負わされる」と批判した。",
          "Environmental groups reacted strongly. One said in a statement that “local residents are being made to "
          "shoulder air pollution and higher electricity bills for the sake of a few companies' data centers.”"),
        H("費用は誰が負担するのか", "Who pays?"),
        P("論点は送電網の増強費用の負担だ。州の規制当局は、一定規模以上の需要家に対し、接続に必要な設備費用の一部を前払いさせる"
          "新たな料金体系の検討を始めた。電力会社の設備投資が一般家庭の電気料金に転嫁されるのを防ぐ狙いがある。",
          "The central question is who pays for upgrading the grid. State regulators have begun considering a new "
          "tariff that would require large customers to pay part of the cost of the equipment needed to connect them "
          "in advance, to keep utilities' capital spending from being passed on to household bills."),
        P("データセンター事業者の間でも対応は分かれる。再生可能エネルギーの長期購入契約を結んで自ら電源を確保する企業がある一方、"
          "建設地を電力に余裕のある地域に移す動きも出ている。",
          "Data center operators are responding in different ways. Some are securing their own supply through "
          "long-term contracts for renewable power, while others are moving projects to regions with spare capacity."),
        P('データセンター1棟あたりの電力需要は、ここ数年で大きく膨らんだ。AI向けの演算チップを大量に並べる施設では、1棟で中規模の都市に匹敵する数百メガワットを必要とする例もある。電力会社が発電所や送電線の計画に通常10年近くかけるのに対し、データセンターは2〜3年で建つ。この時間差が各地で混乱を生んでいる。',
          'The power needs of a single data center have grown sharply in recent years. Some facilities packed with AI chips require hundreds of megawatts, comparable to a mid-sized city. Utilities usually take close to a decade to plan power plants and transmission lines, while a data center can be built in two to three years. That mismatch is causing disruption in many places.'),
    ],
    key_points=KP(
        ("ピーク需要予測を約3割上げ",
         "Greyfield Energyは2032年のピーク需要予測を約2万1000メガワットとし、1年前の予測から約3割引き上げた。"),
        ("接続申請は1万4000メガワット",
         "データセンターからの接続申請がこの1年で急増し、需要増の大半を占める。ただし、すべてが建設されるわけではない。"),
        ("石炭火力の廃止を延期",
         "石炭火力2基の廃止を2028年から2031年に延期する。太陽光と蓄電池の導入の前倒しと、ガス火力1基の新設を組み合わせて対応する。"),
        ("費用負担のルールづくり",
         "州の規制当局は、大口の需要家に接続設備の費用の一部を前払いさせる料金体系を検討している。一般家庭の電気料金への転嫁を防ぐ狙いだ。"),
    ),
    impact_analysis=(
        "AIの普及は、半導体やソフトウェアだけでなく電力インフラの問題でもあることが鮮明になってきた。データセンターの立地は、"
        "電力と送電網の余力で決まる時代に入りつつある。\n\n"
        "日本でもデータセンターの大型計画が相次いでおり、同様の課題が生じる可能性は高い。脱炭素目標との両立や、増強費用の負担の"
        "あり方について、早い段階でのルール整備が求められる。"),
    editorial_comment=(
        "「AIのための電力」が、化石燃料の延命の理由に使われている点は見過ごせない。接続申請の多くは重複や投機的なものとも言われる。"
        "過大な需要予測に基づく設備投資のつけを最終的に誰が払うのか、規制当局は厳しく精査すべきだ。"),
    original={
        "title": "Utilities raise demand forecasts as data center requests pile up",
        "url": "https://meridianbusiness.example/energy/2026/11/27/greyfield-energy-data-center-demand",
        "source": "Meridian Business Daily",
        "author": "Priscilla Dunmore",
        "published_at": "2026-11-27T22:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("energy-grid.jpg",
            "データセンターの新設が、電力需要の見通しを押し上げている（イメージ）",
            "紫からオレンジへの夕焼けのグラデーションを背景に、送電線の鉄塔のシルエットが4基並び、電線が緩やかな曲線でつながる抽象イラスト"),
    ],
    related=["corvant-lumetric", "tidewater-levy", "halcyon-interview"],
)

# ---------------------------------------------------------------------------
# 12. Chip stocks (business) — figure left unplaced
# ---------------------------------------------------------------------------
article(
    "chip-stocks-rally",
    status="published",
    published_at="2026-11-28T13:00:00+09:00",
    category="ビジネス",
    tags=["半導体", "Tessaline", "株式市場"],
    title="半導体株が上昇 Tessalineの業績見通し引き上げで供給制約の緩和を好感",
    lead=("半導体の後工程受託大手Tessalineが通期の売上高見通しを引き上げたことを受け、27日の株式市場では半導体関連株が幅広く"
          "買われた。AI向けの先端パッケージ需要が想定以上に強いことが確認された形だ。"),
    body=[
        P("27日の株式市場で、半導体関連銘柄で構成する株価指数は前日比2.8%上昇し、約1カ月ぶりの高値をつけた。けん引役となったのは"
          "後工程受託大手のTessalineで、株価は一時11%上昇した。",
          "A stock index of semiconductor companies rose 2.8% on Friday, hitting its highest level in about a month. "
          "The rally was led by Tessaline, the contract chip assembly and testing company, whose shares rose as much "
          "as 11% during the session."),
        P('この日は主要な株価指数もそろって上昇した。半導体株が相場全体をけん引した形で、取引終盤にかけて買いが膨らんだ。',
          'Major stock indexes also rose across the board, with chip stocks leading the broader market higher and buying picking up toward the close.'),
        P("Tessalineは前日の取引終了後、通期の売上高見通しを従来の52億ドルから56億ドルに引き上げた。AI向けチップの先端パッケージング"
          "需要が想定を上回っていることに加え、マレーシアの新ラインが予定より早く稼働したことを理由に挙げた。",
          "After the market closed the previous day, Tessaline raised its full-year revenue forecast to $5.6 billion "
          "from $5.2 billion. It cited stronger-than-expected demand for advanced packaging of AI chips and the early "
          "start-up of its new line in Malaysia."),
        P('同社は決算説明会で、先端パッケージングの受注残高が前四半期末から約25%増えたことも明らかにした。顧客の多くは、前払い金を支払って来年分の生産枠を確保しているという。最高財務責任者は「需要の見通しは、少なくとも来年末まではっきりしている」と述べた。',
          'On its earnings call, the company also disclosed that its advanced packaging order backlog had grown about 25% since the end of the previous quarter. Many customers have paid deposits to secure production slots for next year. “Our visibility on demand extends at least to the end of next year,” its chief financial officer said.'),
        H("「供給制約の緩和」を好感", "Investors cheer easing supply constraints"),
        P("市場では、後工程の能力増強がAI向けチップ全体の出荷増につながるとの見方が広がった。チップ設計会社やメモリー大手の株価も"
          "連れ高となった。ある運用会社のファンドマネジャーは「ボトルネックが解消に向かえば、業界全体の売上高の天井が一段上がる」と話した。",
          "Investors increasingly saw expanded packaging capacity as a path to higher shipments of AI chips overall. "
          "Shares of chip designers and large memory makers rose as well. “If the bottleneck is easing, the ceiling on "
          "the whole industry's revenue moves up a notch,” said a fund manager at one asset management firm."),
        P("一方、製造装置メーカーの株価は小幅な動きにとどまった。先端パッケージ向けの装置受注はすでに高水準にあり、新たな上積みは"
          "限られるとの見方が出ている。",
          "Shares of equipment makers, by contrast, moved only slightly. Orders for advanced packaging tools are "
          "already high, and some investors see limited room for further gains."),
        P('債券市場では長期金利がほぼ横ばいで推移した。金利が落ち着いていたことも、成長への期待が大きい半導体株への買いを後押ししたとみられる。',
          'In the bond market, long-term yields were little changed. Stable rates are also thought to have supported buying of chip stocks, which are valued on expectations of strong growth.'),
        H("過熱を警戒する声も", "Some warn of overheating"),
        P("ただ、半導体株の予想株価収益率（PER）は過去10年の平均を大きく上回っており、過熱感を指摘する声もある。AI向け投資の伸びが"
          "鈍れば、後工程の増強がかえって供給過剰を招くリスクもあるとして、慎重な姿勢を崩さない投資家も少なくない。",
          "Semiconductor stocks now trade at forward price-to-earnings ratios well above their 10-year average, "
          "however, and some warn that the sector is overheating. Many investors remain cautious, noting that if growth "
          "in AI spending slows, the expansion in packaging capacity could instead lead to oversupply."),
        P("市場関係者の多くは、来月以降に相次ぐ大手メモリー各社の決算発表で、AI向け需要の勢いが続いているかを見極めたいとしている。",
          "Many market participants say they want to see whether AI-related demand is holding up when large memory "
          "makers report results over the coming month."),
    ],
    key_points=KP(
        ("Tessaline株が一時11%高",
         "通期の売上高見通しを52億ドルから56億ドルに引き上げた。半導体株指数も2.8%上昇し、約1カ月ぶりの高値をつけた。"),
        ("供給制約の緩和を好感",
         "後工程の増強がAI向けチップ全体の出荷増につながるとの見方から、チップ設計会社やメモリー大手にも買いが広がった。装置株の動きは小幅だった。"),
        ("過熱感への警戒も",
         "PERは過去10年の平均を大きく上回る。AI投資の伸びが鈍れば、増強がかえって供給過剰を招くリスクも指摘される。"),
    ),
    impact_analysis=(
        "後工程の業績は、AI向けチップの実際の出荷量を映す先行指標として市場の注目度が高まっている。今回の上方修正は、供給制約が"
        "緩和に向かっていることを数字で裏づけた。\n\n"
        "日本の装置・材料株にも影響は及ぶが、受注がすでに高水準にあることから、株価の反応は銘柄によって差が出そうだ。"),
    editorial_comment=(
        "1社の見通し修正で業界全体の株価が動くのは、それだけ市場がAI需要の持続性に確信を持てずにいることの裏返しでもある。"
        "後工程の増強が需要の伸びを上回る局面が来ないか、数四半期先の受注動向を注視したい。"),
    original={
        "title": "Chip stocks rally after Tessaline lifts outlook on AI packaging demand",
        "url": "https://meridianbusiness.example/markets/2026/11/27/chip-stocks-rally-tessaline-outlook",
        "source": "Meridian Business Daily",
        "author": "Rafael Sundqvist",
        "published_at": "2026-11-28T01:30:00+00:00",
        "language": "en",
    },
    figures=[
        # Deliberately not placed in the body: shown at the top of the body.
        FIG("market-chart.jpg",
            "半導体株の指数は約1カ月ぶりの高値をつけた（イメージ）",
            "濃紺の方眼の背景に、青から緑へ色の変わる棒グラフと、右肩上がりに伸びる黄色の折れ線グラフを重ねた抽象イラスト"),
    ],
    related=["tessaline-packaging", "corvant-lumetric"],
)

# ---------------------------------------------------------------------------
# 13. German-language source (technology) — 世界モデル
# ---------------------------------------------------------------------------
article(
    "rheinwerk-world-model",
    status="published",
    published_at="2026-11-28T16:00:00+09:00",
    category="テクノロジー",
    tags=["世界モデル", "ロボット", "Rheinwerk Robotik", "製造業"],
    title="独Rheinwerk Robotik、組み立てラインで「世界モデル」を試験導入 段取り替えを数時間に",
    lead=("ドイツの産業用ロボットメーカーRheinwerk Robotikは、自動車部品の組み立てラインで、作業の結果を事前に予測する世界モデルを"
          "使ったロボット制御の試験を始めた。製品の切り替えにかかる時間を大幅に短縮できるとしている。"),
    body=[
        P("ドイツの産業用ロボットメーカー、Rheinwerk Robotikは27日、自動車部品メーカーの工場で、**世界モデル**を用いたロボット制御"
          "システムの試験運用を始めたと発表した。ロボットが部品をつかむ前に、その動作の結果を内部のモデル上でシミュレーションし、"
          "最も確実な手順を選んで実行する。",
          "Der Industrieroboterhersteller Rheinwerk Robotik hat am Freitag mitgeteilt, dass er im Werk eines "
          "Automobilzulieferers ein Robotersteuerungssystem auf Basis eines **Weltmodells** im Probebetrieb einsetzt. "
          "Bevor der Roboter ein Bauteil greift, simuliert er das Ergebnis der Bewegung in einem internen Modell und "
          "führt dann den zuverlässigsten Ablauf aus."),
        P("従来の産業用ロボットは、技術者が動作を一つずつ教え込む「ティーチング」で動く。製品の種類が変わるたびにプログラムを"
          "作り直す必要があり、多品種少量生産の現場では大きな負担になっていた。",
          "Herkömmliche Industrieroboter arbeiten nach dem sogenannten Teach-in-Verfahren, bei dem Techniker jede "
          "Bewegung einzeln einprogrammieren. Bei jedem Produktwechsel muss das Programm neu erstellt werden – eine "
          "erhebliche Belastung in Betrieben mit vielen Varianten und kleinen Stückzahlen."),
        F(1),
        H("段取り替えは3日から約4時間に", "Umrüstung in Stunden statt Tagen"),
        P("同社によると、新しいシステムでは、部品の形状データと数回の実演を与えるだけで、ロボットが自ら組み付けの手順を計画する。"
          "試験ラインでは、製品の切り替えに伴う調整作業が従来の3日程度から約4時間に短縮された。",
          "Nach Angaben des Unternehmens plant der Roboter mit dem neuen System die Montageschritte selbst, sobald er "
          "die Formdaten der Bauteile und einige Vorführungen erhalten hat. Auf der Testlinie verkürzte sich die "
          "Anpassung bei einem Produktwechsel von bisher rund drei Tagen auf etwa vier Stunden."),
        P("開発責任者のヨナス・ブレーデ氏は「熟練技術者の不足は、ドイツの製造業にとって深刻な問題だ。ロボットが自分で段取りを"
          "考えられれば、技術者はより付加価値の高い仕事に集中できる」と述べた。",
          "„Der Fachkräftemangel ist für die deutsche Industrie ein ernstes Problem“, sagte Entwicklungsleiter Jonas "
          "Brede. „Wenn Roboter ihre Abläufe selbst planen können, können sich die Techniker auf anspruchsvollere "
          "Aufgaben konzentrieren.“"),
        P('試験に参加している自動車部品メーカーは、電動車向けの部品を中心に、年間200種類以上の製品を同じラインで生産している。同社の生産担当者は「新しい製品を立ち上げるたびにラインを止めていたが、その時間が大幅に減った」と話している。',
          'Der am Test beteiligte Zulieferer fertigt auf derselben Linie jährlich mehr als 200 verschiedene Produkte, vor allem Teile für Elektrofahrzeuge. „Früher mussten wir die Linie bei jedem neuen Produkt anhalten – diese Zeit ist deutlich geschrumpft“, sagte ein Produktionsverantwortlicher des Unternehmens.'),
        H("安全認証が普及のカギ", "Sicherheitszertifizierung als Schlüssel"),
        P("課題は安全性の証明だ。あらかじめ決められた動作を繰り返す従来型と異なり、自ら手順を計画するロボットの挙動は事前に完全には"
          "予測できない。同社は、モデルが計画した動作を別の検証用ソフトウェアで確認し、安全な範囲を外れる動きを止める二重の仕組みを"
          "設けているが、産業用ロボットの安全規格への適合には時間がかかる見通しだ。",
          "Die Herausforderung liegt im Nachweis der Sicherheit. Anders als bei herkömmlichen Robotern, die "
          "festgelegte Bewegungen wiederholen, lässt sich das Verhalten eines selbst planenden Roboters nicht "
          "vollständig vorhersagen. Das Unternehmen prüft die geplanten Bewegungen mit einer separaten "
          "Verifikationssoftware und stoppt alles, was den sicheren Bereich verlässt. Die Anpassung an die "
          "Sicherheitsnormen für Industrieroboter dürfte dennoch Zeit brauchen."),
        P('計算機の費用も課題となる。現行の試験システムではロボット1台ごとに高性能な計算機を設置しており、導入費用は従来型の約1.5倍になる。同社は、専用の計算装置を開発して費用を抑える考えだ。',
          'Auch die Kosten der Rechentechnik sind eine Hürde. Im aktuellen Testsystem ist jedem Roboter ein leistungsstarker Rechner zugeordnet, wodurch die Einführung etwa 1,5-mal so teuer ist wie bei herkömmlichen Anlagen. Das Unternehmen will die Kosten mit eigens entwickelter Rechenhardware senken.'),
        P("Rheinwerkは2027年末までに試験の対象を3工場に広げ、2028年の製品化を目指すとしている。",
          "Rheinwerk will den Test bis Ende 2027 auf drei Werke ausweiten und strebt die Markteinführung für 2028 an."),
    ],
    key_points=KP(
        ("組み立てラインで試験運用",
         "Rheinwerk Robotikは自動車部品の工場で、世界モデルを使って動作の結果を予測するロボット制御の試験を始めた。"),
        ("段取り替えを約4時間に",
         "部品の形状データと数回の実演で、ロボットが手順を自ら計画する。製品切り替えの調整は約3日から約4時間に短縮された。"),
        ("安全性の証明が課題",
         "検証用ソフトウェアによる二重の確認を設けるが、産業用ロボットの安全規格への適合には時間がかかる見通し。製品化は2028年を目指す。"),
    ),
    impact_analysis=(
        "多品種少量生産の現場では、ロボット導入の効果が段取り替えの手間で相殺されることが多かった。世界モデルによる自律的な計画が"
        "実用化すれば、中小規模の工場でもロボット導入の採算が合いやすくなる。\n\n"
        "日本の製造業も熟練技術者の不足という同じ課題を抱える。国内のロボットメーカーにとっては、ハードウェアの精度に加えて、"
        "計画を担うソフトウェアの競争力が問われる局面になる。"),
    editorial_comment=(
        "研究室の成果が、早くも工場での試験に移ってきた。ただし「約4時間」は試験ラインでの数字であり、実際の生産ラインでどこまで"
        "再現できるかは別の問題だ。安全規格という現実の壁をどう越えるかが、研究と実用の距離を測る物差しになる。"),
    original={
        "title": "Rheinwerk Robotik testet Weltmodelle in der Montage",
        "url": "https://nordhafener-wirtschaftsblatt.example/technik/2026/11/28/rheinwerk-robotik-weltmodell-montage",
        "source": "Nordhafener Wirtschaftsblatt",
        "author": "Katrin Vollmer",
        "published_at": "2026-11-28T05:00:00+01:00",
        "language": "de",
    },
    figures=[
        FIG("robot-arm.jpg",
            "Rheinwerkのシステムは、部品をつかむ前に動作の結果をシミュレーションする（イメージ）",
            "淡い青の背景に、黄色とオレンジの関節型ロボットアームがベルトコンベヤー上の部品へ伸び、次の動きを示す青い点線の弧が描かれた抽象イラスト"),
    ],
    related=["world-model-paper", "halcyon-interview"],
)

# ---------------------------------------------------------------------------
# 14. Satellites (science) — impact analysis and comment deliberately empty
# ---------------------------------------------------------------------------
article(
    "skyloom-constellation",
    status="published",
    published_at="2026-11-28T18:30:00+09:00",
    category="科学",
    tags=["宇宙開発", "通信衛星", "海運", "Skyloom"],
    title="Skyloom、衛星96基の通信網に認可 外洋の船舶や離島の港を結ぶ",
    lead=("衛星通信の新興企業Skyloomは、低軌道に96基の通信衛星を配置する計画について、周波数の使用認可を取得した。外洋を航行する"
          "船舶や、光ファイバー網の届かない離島の港に高速通信を提供する。最初の打ち上げは2027年後半を予定する。"),
    body=[
        P("衛星通信の新興企業Skyloomは27日、低軌道に通信衛星96基を配置する計画について、周波数の使用認可を取得したと発表した。"
          "海運会社や港湾運営会社を主な顧客とし、外洋を航行する船舶や離島の港に高速のデータ通信を提供する。",
          "Satellite communications start-up Skyloom said on Friday it had received a spectrum license for its plan to "
          "place 96 communications satellites in low Earth orbit. Its main customers will be shipping lines and port "
          "operators, and it will provide high-speed data links to ships on the open ocean and to ports on remote "
          "islands."),
        F(1),
        P("Skyloomの計画は、数千基規模の大規模な衛星網とは異なり、衛星の数を絞る代わりに、船舶の航路が集中する海域の上空で通信容量を"
          "手厚くする設計を採る。陸上の一般消費者向けサービスは当面手がけない。",
          "Unlike mega-constellations of thousands of satellites, Skyloom's plan uses fewer satellites but concentrates "
          "capacity over sea areas where shipping lanes converge. It does not plan to offer consumer services on land "
          "for the time being."),
        P('低軌道の衛星は地表から数百キロメートルの高さを周回するため、約3万6000キロメートル上空の静止衛星を使う従来の船舶向け通信に比べて、通信の遅れが小さい。船上からのビデオ会議や、陸上の拠点による機関の遠隔監視にも対応しやすくなる。',
          'Because low-Earth-orbit satellites circle a few hundred kilometers above the surface, they offer much lower latency than traditional maritime services that rely on geostationary satellites some 36,000 kilometers up. That makes it easier to hold video calls from ships and to monitor engines remotely from shore.'),
        H("船上のデータ需要が拡大", "Growing demand for data at sea"),
        P("船舶の運航では、燃費の最適化や遠隔での機関監視、乗組員の生活環境の改善など、通信の需要が年々高まっている。同社の"
          "アイラ・ベネディクト最高経営責任者は「今や船は、海に浮かぶデータセンターの端末だ」と述べた。",
          "Demand for connectivity in ship operations grows every year, from optimizing fuel consumption and "
          "monitoring engines remotely to improving crew welfare. “A ship today is a floating terminal of a data "
          "center,” said Chief Executive Aila Benedict."),
        P('船の燃費を左右する航路や速度の判断には、気象や海流の最新データが欠かせない。ある海運会社の試算では、常時接続による運航の最適化で燃料の消費量を3〜5%減らせるという。',
          "Decisions about routing and speed, which determine a ship's fuel consumption, depend on up-to-date weather and ocean-current data. One shipping company estimates that optimizing operations over an always-on connection could cut fuel use by 3% to 5%."),
        P("衛星の打ち上げには複数のロケット事業者を使う計画で、最初の12基は2027年後半に打ち上げる。全96基の配置完了は2029年を"
          "見込む。総事業費は約11億ドルで、これまでに約4億ドルを調達した。",
          "The company plans to use several launch providers, with the first 12 satellites going up in the second half "
          "of 2027. It expects to complete the full 96-satellite network in 2029. The total cost is about $1.1 billion, "
          "of which about $400 million has been raised so far."),
        P('Skyloomは2023年に、衛星通信と海運の業界出身者が共同で設立した。社員は約140人で、衛星本体の製造は外部のメーカーに委託し、自社は通信機器と運用ソフトウェアの開発に集中する。',
          'Skyloom was founded in 2023 by veterans of the satellite communications and shipping industries. It has about 140 employees, contracts out the manufacture of the satellites themselves and concentrates on developing communications equipment and operations software.'),
        H("運用終了後の処分も条件に", "Conditions on end-of-life disposal"),
        P("認可には、運用を終えた衛星を5年以内に大気圏に再突入させて処分することが条件として付された。低軌道の混雑が進む中、"
          "規制当局は新たな衛星網に対し、軌道上に残骸を残さない計画の提出を求める傾向を強めている。",
          "The license requires Skyloom to de-orbit satellites within five years of the end of their service so that "
          "they burn up in the atmosphere. As low Earth orbit grows more crowded, regulators increasingly require new "
          "constellations to submit plans that leave no debris in orbit."),
        P("同社は、打ち上げ事業者の選定を来年春までに終える予定だ。海運会社数社とは、試験サービスの提供に向けた協議を始めている。",
          "The company expects to finish selecting its launch providers by next spring. It has begun talks with several "
          "shipping companies about providing a trial service."),
    ],
    key_points=KP(
        ("96基の通信網に認可",
         "Skyloomは低軌道に通信衛星96基を配置する計画で、周波数の使用認可を得た。最初の12基は2027年後半に打ち上げる。"),
        ("海上の通信に特化",
         "航路が集中する海域の上空で容量を厚くする設計。海運会社や港湾運営会社を主な顧客とし、陸上の消費者向けは当面手がけない。"),
        ("運用後の処分を義務づけ",
         "運用終了後5年以内に衛星を大気圏に再突入させることが認可の条件となった。低軌道の混雑で、規制当局の要求は厳しさを増している。"),
    ),
    impact_analysis="",
    editorial_comment="",
    original={
        "title": "Skyloom wins approval for 96-satellite network to connect ships and remote ports",
        "url": "https://harborledger.example/2026/11/28/skyloom-satellite-network-license",
        "source": "The Harbor Ledger",
        "author": "Beatrix Holloway",
        "published_at": "2026-11-28T06:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("orbit-rings.jpg",
            "Skyloomは、航路が集中する海域の上空で通信容量を厚くする（イメージ）",
            "星の散らばる濃紺の宇宙に青い惑星が浮かび、その周りを色の異なる3本の楕円軌道と小さな衛星が取り巻く抽象イラスト"),
    ],
    related=["aldera-kestrel", "container-rates"],
)

# ---------------------------------------------------------------------------
# 15. Draft: protein design start-up (science)
# ---------------------------------------------------------------------------
article(
    "quillon-funding",
    status="draft",
    published_at=None,
    translation_status="machine_draft",
    category="科学",
    tags=["バイオテクノロジー", "AI研究", "資金調達"],
    title="AIでたんぱく質を設計するQuillon Therapeutics、2億1000万ドルを調達",
    lead=("AIを使って新しいたんぱく質を設計する新興企業Quillon Therapeuticsは、2億1000万ドルの資金調達を完了した。"
          "自己免疫疾患向けの候補物質の臨床試験を2027年後半に始める計画で、調達資金は自動化した実験設備の拡充にも充てる。"),
    body=[
        P("AIでたんぱく質を設計する新興企業のQuillon Therapeuticsは27日、ベンチャーキャピタルなどから総額2億1000万ドル"
          "（約315億円）を調達したと発表した。創業3年目の企業としては大型の調達となる。",
          "Quillon Therapeutics, a start-up that uses AI to design proteins, said on Friday it had raised $210 million "
          "from venture capital firms and other investors. It is a large round for a company in its third year."),
        P("たんぱく質は、アミノ酸が鎖状につながって複雑な立体構造をとる分子で、その形によって体内での働きが決まる。Quillonは、"
          "狙った標的に結合する形のたんぱく質をAIで一から設計し、実験で性能を確かめる工程を繰り返している。",
          "Proteins are molecules made of chains of amino acids that fold into complex three-dimensional shapes, and "
          "their shape determines what they do in the body. Quillon uses AI to design from scratch proteins shaped to "
          "bind a chosen target, then tests them in the lab, repeating the cycle."),
        P('従来の創薬では、自然界に存在するたんぱく質や、それを一部改変したものを出発点にすることが多かった。AIを使えば自然界にない形のたんぱく質も候補にできるため、これまで薬を作りにくかった標的にも挑戦できると期待されている。',
          'Conventional drug discovery has often started from proteins found in nature, or modified versions of them. With AI, proteins with shapes that do not exist in nature can become candidates, raising hopes of tackling targets for which it has been hard to make drugs.'),
        F(1),
        H("設計と実験の往復を高速化", "Speeding up the loop between design and experiment"),
        P("同社の強みは、AIによる設計と自動化された実験設備を組み合わせている点にある。1週間に数千種類の候補を合成・評価でき、"
          "その結果を次の設計に反映させる。共同創業者のテオドラ・ヴァンス氏は「AIの予測が外れた実験結果こそが、次のモデルを賢くする」"
          "と話す。",
          "The company's edge lies in combining AI design with an automated laboratory. It can synthesize and "
          "evaluate thousands of candidates a week and feed the results into the next round of design. “The "
          "experiments where the AI's predictions were wrong are exactly what make the next model smarter,” said "
          "co-founder Theodora Vance."),
        P("調達資金は、自己免疫疾患の治療を目指す候補物質「QT-11」の臨床試験の準備と、実験設備の拡充に充てる。臨床試験は2027年"
          "後半に始める計画で、実験設備は来年中に現在の約2倍の規模に広げる。",
          "The funds will go toward preparing clinical trials of QT-11, a candidate aimed at treating autoimmune "
          "diseases, and toward expanding the laboratory. Clinical trials are planned for the second half of 2027, and "
          "the laboratory will roughly double in size next year."),
        P('今回の調達は、ベンチャーキャピタルのOrchard Lane Capitalが主導し、製薬大手2社の投資部門も参加した。Quillonは製薬会社との共同研究にも力を入れており、候補物質の設計を受託する契約を2件結んでいる。',
          'The round was led by venture capital firm Orchard Lane Capital, with the investment arms of two large drugmakers also taking part. Quillon is also pursuing research partnerships with pharmaceutical companies and has signed two contracts to design drug candidates for them.'),
        P('QT-11は、免疫細胞が自分の体の組織を攻撃する仕組みに関わる特定のたんぱく質に結合し、その働きを抑えるよう設計された。動物実験では、既存の抗体医薬と同等の効果を、より少ない投与量で示したという。',
          "QT-11 is designed to bind to and block a specific protein involved in the process by which immune cells attack the body's own tissues. In animal studies, it showed effects comparable to existing antibody drugs at lower doses, the company said."),
        H("問われる臨床での成果", "Clinical results will be the test"),
        P("AIによる創薬には多額の資金が流れ込んでいるが、AIで設計された薬が承認にまで至った例はまだ少ない。候補物質を速く多く作れても、"
          "人での安全性と有効性を確かめる臨床試験の期間は短くならないためだ。",
          "Large sums are flowing into AI-driven drug discovery, but few drugs designed with AI have yet won approval. "
          "Generating more candidates faster does not shorten the clinical trials needed to establish safety and "
          "efficacy in people."),
        P("バンス氏も「AIが縮められるのは研究の入り口の部分だけだ」と認める。投資家の期待に臨床での成果が追いつくかどうかは、"
          "今後数年で明らかになる。",
          "Vance acknowledges that “AI only shortens the front end of research.” Whether clinical results can live up "
          "to investors' expectations will become clear over the next few years."),
    ],
    key_points=KP(
        ("2億1000万ドルを調達",
         "AIでたんぱく質を設計するQuillonが、創業3年目として大型となる総額2億1000万ドルの資金調達を完了した。"),
        ("設計と実験を高速に往復",
         "AIによる設計と自動化された実験設備を組み合わせ、1週間に数千種類の候補を合成・評価する。予測が外れた結果も次の設計に生かす。"),
        ("臨床試験は2027年後半",
         "調達資金は自己免疫疾患向けの候補物質「QT-11」の臨床試験の準備に充てる。ただ、AIで設計された薬が承認に至った例はまだ少ない。"),
    ),
    impact_analysis=(
        "AI創薬への資金流入は続いているが、投資家の関心は「候補を速く作れるか」から「臨床で結果を出せるか」へ移りつつある。"
        "実験設備を自前で持つQuillonのような企業は、データの蓄積という点で優位に立つ可能性がある。"),
    editorial_comment=(
        "（下書き）調達額の円換算は発表日のレートで要確認。QT-11の標的分子について追加取材の予定。"),
    original={
        "title": "Protein design start-up Quillon Therapeutics raises $210 million",
        "url": "https://meridianbusiness.example/deals/2026/11/27/quillon-therapeutics-raises-210-million",
        "source": "Meridian Business Daily",
        "author": "Margot Ellery",
        "published_at": "2026-11-28T03:00:00+00:00",
        "language": "en",
    },
    figures=[
        FIG("molecule-lattice.jpg",
            "Quillonは、狙った標的に結合する形のたんぱく質をAIで設計する（イメージ）",
            "淡い紫と水色の六角形の格子を背景に、色とりどりの球を線でつないだ分子模型のような図形が浮かぶ抽象イラスト"),
    ],
    related=["fenwick-hearing", "world-model-paper"],
)

# ---------------------------------------------------------------------------
# 16. In review: port automation deal (business) — no figures
# ---------------------------------------------------------------------------
article(
    "calderra-port-deal",
    status="review",
    published_at=None,
    category="ビジネス",
    tags=["海運", "港湾", "自動化"],
    title="カルデラ港の自動化めぐり労使が暫定合意 雇用維持と再訓練を明記",
    lead=("自動化を進めるカルデラ港の運営会社と港湾労働者の組合は、新しい労働協約で暫定合意した。自動化設備の導入を認める代わりに、"
          "現在の組合員の雇用を維持し、再訓練の費用を会社が負担する。組合員の投票を経て正式に発効する。"),
    body=[
        P("カルデラ港を運営するCalderra Terminalsと港湾労働者の組合は27日、6年間の新しい労働協約について暫定合意に達したと発表した。"
          "争点となっていた自動化設備の導入について、双方が歩み寄った。",
          "Calderra Terminals, which operates the Port of Calderra, and the dockworkers' union said on Friday they had "
          "reached a tentative agreement on a new six-year labor contract. The two sides found a compromise on the "
          "contentious issue of automated equipment."),
        P("合意によると、会社は自動化されたクレーンや無人搬送車の導入を段階的に進めることができる。その代わり、協約の期間中は"
          "自動化を理由に現在の組合員を解雇せず、新しい設備の操作や保守に必要な再訓練の費用を全額負担する。",
          "Under the agreement, the company can gradually introduce automated cranes and driverless vehicles. In "
          "return, it will not lay off current union members because of automation during the contract and will pay "
          "the full cost of retraining them to operate and maintain the new equipment."),
        P('自動化の対象となるのは港の4つのターミナルのうち2つで、導入は2029年にかけて段階的に進める。会社側は、自動化によってコンテナの処理能力が約3割高まり、船の荷役待ちの時間も短くなると説明している。',
          "Automation will cover two of the port's four terminals and will be phased in through 2029. The company says it will raise container-handling capacity by about 30% and shorten the time ships wait to be worked."),
        P('カルデラ港では過去10年で取扱量が約1.7倍に増えたが、港湾労働者の数はほぼ横ばいで、人手不足による荷役の遅れがたびたび問題になっていた。',
          'Cargo volumes at the Port of Calderra have grown about 1.7-fold over the past decade while the number of dockworkers has stayed roughly flat, and labor shortages have repeatedly delayed cargo handling.'),
        H("年末商戦を前に妥結", "A deal before the holiday rush"),
        P("交渉は9月に始まったが、自動化をめぐる対立で一時中断し、組合はストライキの可能性にも言及していた。港の処理能力が落ちれば"
          "年末商戦の物流に影響が出るため、地元の経済団体は早期の妥結を求めていた。",
          "Talks began in September but broke down for a time over automation, and the union had raised the "
          "possibility of a strike. Local business groups had urged a quick settlement, since any drop in the port's "
          "throughput would disrupt shipping ahead of the holiday season."),
        P("組合の委員長は「機械を止めることはできないが、機械を動かすのは私たちだ」と述べ、合意を評価した。会社側も「自動化の目的は"
          "人を減らすことではなく、港の競争力を高めることだ」としている。",
          "“We cannot stop the machines, but we will be the ones running them,” the union's president said, "
          "welcoming the agreement. The company said that “the purpose of automation is not to cut people but to make "
          "the port more competitive.”"),
        P('合意には、賃金を6年間で計18%引き上げることや、自動化設備の保守部門に組合員を優先的に配置することも盛り込まれた。再訓練は港内に新設する訓練施設で行い、費用は総額で約4000万ドルに上る見込みだ。',
          'The agreement also includes wage increases totaling 18% over six years and gives union members priority for jobs maintaining the automated equipment. Retraining will take place at a new training facility at the port, at an estimated total cost of about $40 million.'),
        H("組合員投票は12月中旬", "Union vote in mid-December"),
        P("暫定合意は、組合員による投票で過半数の賛成を得れば正式に発効する。投票は12月中旬に行われる予定だ。組合内には、"
          "協約の期間が終わった後の雇用の保証がないことへの不満もくすぶっており、賛成が過半数に届くかは予断を許さない。",
          "The tentative agreement will take effect if approved by a majority of union members in a vote scheduled "
          "for mid-December. Some members are unhappy that there is no job guarantee once the contract expires, and "
          "approval is not a foregone conclusion."),
        P("カルデラ港は地域で取扱量が3番目に多いコンテナ港で、周辺の港でも自動化をめぐる交渉が控えている。今回の合意内容は、"
          "ほかの港の労使交渉の参考にされる可能性が高い。",
          "The Port of Calderra is the third-busiest container port in the region, and talks over automation are "
          "coming up at neighboring ports. The terms agreed here are likely to serve as a reference for those "
          "negotiations."),
    ],
    key_points=KP(
        ("6年間の協約で暫定合意",
         "カルデラ港の運営会社と港湾労働者の組合が、6年間の新しい労働協約で暫定合意した。争点だった自動化設備の導入で双方が歩み寄った。"),
        ("雇用維持と再訓練を約束",
         "会社は自動化を段階的に進める一方、協約期間中は自動化を理由とした解雇をせず、新設備の操作や保守に必要な再訓練の費用を全額負担する。"),
        ("12月中旬に組合員投票",
         "組合員投票で過半数の賛成を得れば正式に発効する。協約終了後の雇用の保証がないことへの不満もあり、結果は予断を許さない。"),
    ),
    impact_analysis=(
        "港湾の自動化は、人手不足と処理能力の向上を背景に各地で進むが、労使の対立が導入の壁になってきた。雇用維持と再訓練を"
        "組み合わせた今回の枠組みは、ほかの港の交渉でも参照される可能性が高い。"),
    editorial_comment=(
        "「機械を動かすのは私たちだ」という委員長の言葉に、今回の合意の本質が表れている。自動化を止めるのではなく、その担い手として"
        "働き手の居場所を確保するという発想は、港湾以外の産業にも示唆を与える。"),
    original={
        "title": "Dockworkers and Port of Calderra operator reach tentative deal on automation",
        "url": "https://harborledger.example/2026/11/28/calderra-port-automation-tentative-deal",
        "source": "The Harbor Ledger",
        "author": "Imogen Tarrant",
        "published_at": "2026-11-28T08:00:00+00:00",
        "language": "en",
    },
    figures=[],
    related=["container-rates", "skyloom-constellation"],
)


# ---------------------------------------------------------------------------
# 17. Preprint on name consistency in machine translation (science) — a research paper source
# ---------------------------------------------------------------------------
article(
    "name-consistency-preprint",
    status="published",
    published_at="2026-11-27T21:00:00+09:00",
    translation_status="reviewed",
    category="科学",
    tags=["機械翻訳", "AI研究", "大規模言語モデル"],
    title="機械翻訳は人名の表記がぶれる 固有名詞の一貫性を測る新指標をLowmoor大などが提案",
    lead=("英Lowmoor大学などの研究チームは、機械翻訳が一つの文書の中で同じ人名や社名を別々の表記に訳してしまう問題を測る指標を"
          "提案するプレプリントを公開した。日本語への翻訳では、人名の約4件に1件で表記の揺れが見つかったという。"),
    body=[
        P("英Lowmoor大学と翻訳支援ツールを開発するAramaki Translation Labの研究チームは26日、機械翻訳が長い文書の中で"
          "固有名詞の表記を統一できているかを測る新しい指標「NameCon」を提案する論文を、プレプリントサーバーで公開した。"
          "論文は査読前で、今後学会に投稿される予定だ。",
          "Researchers at the University of Lowmoor and Aramaki Translation Lab, which builds tools for translators, "
          "on Thursday posted a preprint proposing NameCon, a new measure of whether machine translation keeps the "
          "spelling of proper names consistent across a long document. The paper has not yet been peer reviewed and "
          "will be submitted to a conference."),
        P("機械翻訳の品質評価では、一文ごとの正確さや自然さを測る方法が主流だった。しかし報道記事のように同じ人物が何度も登場する"
          "文章では、一文ずつは正しくても、段落によって名前の表記が変わると読者は別人だと誤解しかねない。",
          "Evaluations of machine translation have mostly measured how accurate and fluent each sentence is. But in "
          "texts such as news stories, where the same person appears again and again, a name that changes its "
          "spelling from paragraph to paragraph can lead readers to think they are reading about different people, "
          "even if every sentence is correct on its own."),
        H("4件に1件で表記が揺れる", "One name in four drifts"),
        P("研究チームは、英語の報道記事1200本を五つの商用翻訳サービスと三つの大規模言語モデルで日本語、韓国語、ドイツ語に訳し、"
          "記事の中で2回以上登場する人名と社名の訳し方を調べた。日本語訳では、人名の**24%**で二つ以上の表記が混在していた。",
          "The team translated 1,200 English news articles into Japanese, Korean and German with five commercial "
          "translation services and three large language models, and examined how names of people and companies that "
          "appear at least twice in an article were rendered. In the Japanese translations, **24%** of personal names "
          "were written in two or more different ways."),
        P("揺れが目立ったのは、英語のつづりから発音を推測しにくい名前だった。たとえば同じ研究者の名前が、ある段落ではある表記に、"
          "別の段落では母音の異なる別の表記に訳される例が多く見られた。社名は人名より安定しており、揺れは9%にとどまった。",
          "The drift was most common for names whose pronunciation is hard to guess from their English spelling. In "
          "many cases, the same researcher's name was rendered one way in one paragraph and with different vowels in "
          "another. Company names were more stable than personal names, drifting in only 9% of cases."),
        P("言語による差も大きかった。韓国語訳でも人名の19%で揺れが見られた一方、ドイツ語訳では2%にとどまった。ドイツ語は英語と同じ"
          "ラテン文字を使うため、名前をつづりのまま書き写せば済むことが多いからだと研究チームはみている。",
          "The language mattered too. Personal names drifted in 19% of the Korean translations but in only 2% of the "
          "German ones. The researchers attribute the gap to German sharing the Latin alphabet with English, so that "
          "names can usually be copied letter for letter."),
        P("筆頭著者のイネス・ハロウゲート講師は「利用者は訳文の一文一文を原文と照らし合わせるが、名前の揺れは文書全体を"
          "読まないと気づきにくい。だからこそ機械で測る必要がある」と述べた。",
          "“People check a translation sentence by sentence against the original, but drifting names are hard to "
          "notice unless you read the whole document,” said the lead author, Ines Harrowgate, a lecturer at Lowmoor. "
          "“That is exactly why it needs to be measured automatically.”"),
        H("用語集を渡すと揺れは大幅に減少", "A glossary cuts the drift sharply"),
        P("論文は対策も検証している。翻訳の前に、記事に登場する名前とその訳し方を並べた短い用語集をモデルに渡すと、日本語での"
          "人名の揺れは24%から**6%**に下がった。一方、用語集にない名前の揺れはほとんど減らず、人による確認は欠かせないとしている。",
          "The paper also tests a remedy. When the model was given a short glossary listing the names in the article "
          "and how to render them before translating, drift in Japanese personal names fell from 24% to **6%**. "
          "Drift in names missing from the glossary barely declined, however, and the authors conclude that human "
          "review remains essential."),
        P("研究チームは、評価に使ったデータセットと指標の計算プログラムを公開した。共著者のアラマキ・ケンジ氏は"
          "「報道機関や翻訳会社が、自分たちの用語集と組み合わせて使えるようにしたい」と話している。",
          "The team has released the dataset used in the evaluation and the code that computes the measure. "
          "“We want news organizations and translation companies to be able to use it together with their own "
          "glossaries,” said co-author Kenji Aramaki."),
    ],
    key_points=KP(
        ("固有名詞の一貫性を測る指標",
         "機械翻訳が一つの文書の中で人名や社名の表記を統一できているかを測る指標「NameCon」を、英Lowmoor大学などが提案した。"),
        ("人名の4件に1件で表記揺れ",
         "英語の報道記事1200本を日本語などに訳した実験で、日本語訳では記事内に2回以上登場する人名の24%に複数の表記が混在した。"),
        ("用語集で揺れは6%に減少",
         "翻訳前に名前の訳し方を並べた用語集をモデルに渡すと揺れは6%まで下がった。ただし用語集にない名前には効果が薄い。"),
        ("データとコードを公開",
         "評価用のデータセットと指標の計算プログラムを公開した。論文は査読前のプレプリントで、今後学会に投稿される予定だ。"),
    ),
    impact_analysis=(
        "機械翻訳を下訳に使う報道機関は増えているが、品質の確認は一文ごとの正確さに偏りがちだ。名前の揺れは読者の信頼を損ねる"
        "誤りでありながら、従来の評価では見過ごされてきた。指標が公開されたことで、翻訳サービスの比較や社内の校閲手順に"
        "組み込む動きが出てきそうだ。\n\n"
        "用語集の効果が大きいという結果は、編集部が用語集を整備し、翻訳と校閲の両方で使う体制の重要性を裏付けている。"),
    editorial_comment=(
        "当編集部でも、同じ人名が記事の中で別々の表記になっていた例を経験している。用語集を使った確認は、機械翻訳を使うかどうかに"
        "かかわらず有効だ。査読前の論文であり、数字は今後変わりうる点には注意したい。"),
    original={
        "title": "Machine translation lets names drift: a measure of proper-name consistency across documents",
        "url": "https://preprints.meridian.example/abs/2611.04417",
        "source": "Meridian Preprint Server",
        "kind": "paper",
        "author": "Ines Harrowgate",
        "authors": ["Ines Harrowgate", "Kenji Aramaki", "Tomasz Wielgosz", "Ada Okonkwo-Reyes"],
        "affiliations": ["University of Lowmoor, School of Informatics", "Aramaki Translation Lab"],
        "pdf_url": "https://preprints.meridian.example/pdf/2611.04417v1",
        "code_url": "https://code.example/lowmoor-nlp/namecon",
        "published_at": "2026-11-27T03:00:00+00:00",
        "language": "en",
    },
    figures=[],
    related=["world-model-paper", "halcyon-interview"],
)


# ---------------------------------------------------------------------------

def build() -> dict:
    url_of = {a["key"]: a["original"]["url"] for a in ARTICLES}
    out = []
    for a in ARTICLES:
        out.append({
            "status": a["status"],
            "published_at": a["published_at"],
            "category": a["category"],
            "tags": a["tags"],
            "title": a["title"],
            "lead": a["lead"],
            "body": render(a["body"], 1),
            "key_points": a["key_points"],
            "impact_analysis": a["impact_analysis"],
            "editorial_comment": a["editorial_comment"],
            "original": {
                "title": a["original"]["title"],
                "body": render(a["body"], 2),
                "url": a["original"]["url"],
                "source": a["original"]["source"],
                "author": a["original"]["author"],
                "published_at": a["original"]["published_at"],
                "language": a["original"]["language"],
            },
            "figures": a["figures"],
            "related": [url_of[k] for k in a["related"]],
        })
        for key in PAPER_FIELDS:
            if key in a["original"]:
                out[-1]["original"][key] = a["original"][key]
        if a["translation_status"]:
            out[-1]["translation_status"] = a["translation_status"]
    return {"articles": out}


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['articles'])} articles)")


if __name__ == "__main__":
    main()
