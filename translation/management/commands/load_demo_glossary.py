from django.core.management.base import BaseCommand

from articles.models import GlossaryTerm, Tag

# (original, approved, rejected variants, notes, tag name or None). Names from the demo stories,
# plus the spellings that real translations of "Yann LeCun" and "Elon Musk" have mixed up.
TERMS = [
    ("Vance", "ヴァンス", ["バンス"], "Quillon Therapeutics共同創業者の姓。「ヴ」で統一。", None),
    ("Neve Calloway", "ネーヴ・キャロウェイ", ["ネーブ・キャロウェイ", "キャロウエイ"], "Halcyon Labsの研究員。", None),
    ("Halcyon Labs", "Halcyon Labs", ["ハルシオン・ラボ", "ハルシオンラボ"], "社名は英字のまま。", "Halcyon Labs"),
    ("world model", "世界モデル", ["ワールドモデル", "ワールド・モデル"], "", "世界モデル"),
    ("Yann LeCun", "ヤン・ルカン", ["ルコン", "レクン"], "姓だけのときは「ルカン」。", None),
    ("Elon Musk", "イーロン・マスク", ["ムスク"], "", None),
]


class Command(BaseCommand):
    help = "Add the demo glossary (names and terms from the demo stories); safe to run again."

    def handle(self, *args, **options):
        created = 0
        for original, approved, variants, notes, tag_name in TERMS:
            _, was_created = GlossaryTerm.objects.update_or_create(original=original, defaults={
                "approved": approved, "variants": "\n".join(variants), "notes": notes,
                "tag": Tag.objects.filter(name=tag_name).first() if tag_name else None,
            })
            created += was_created
        self.stdout.write(f"Demo glossary: {len(TERMS)} terms ({created} new).")
