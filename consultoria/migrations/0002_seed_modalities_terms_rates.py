"""The consultancy's reference data (CON-1, CON-3, CON-7): the five modalities and their billing
rules, version 1 of each term variant, and starting rates and taxes that leaders adjust in the
back-office (the yearly IGPM adjustment creates the next ones)."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import migrations

MODALITIES = [
    # code, name, how it starts, billing, minimum, waived on product, on documentation, approval, at opening, unit
    (
        "module",
        "Consultoria do módulo",
        "Continuação de um chamado de suporte padrão que o suporte não reproduziu",
        "Por minuto, mínimo de 10 minutos por sessão, mais impostos; abonada se houver defeito de "
        "produto ou de documentação",
        10,
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "technical",
        "Consultoria técnica",
        "Depois do suporte padrão, ou pelo cliente a qualquer momento",
        "Por minuto, mais impostos",
        0,
        False,
        False,
        True,
        False,
        False,
    ),
    (
        "investigative",
        "Consultoria investigativa",
        "Análise do ambiente e da base de dados do cliente",
        "Cobrada ao final, só se a causa não for defeito de produto, mais impostos",
        0,
        True,
        False,
        True,
        False,
        False,
    ),
    (
        "telephone",
        "Consultoria telefônica",
        "Escolhida pelo cliente ao abrir o chamado, sem análise do suporte padrão antes",
        "100 % do tempo cobrado, qualquer que seja a causa, mais impostos",
        0,
        False,
        False,
        False,
        True,
        False,
    ),
    (
        "onsite",
        "Consultoria in loco",
        "Pedida pela unidade que atende o cliente; agendada",
        "Por minuto, mais impostos, faturada à unidade",
        0,
        False,
        False,
        True,
        False,
        True,
    ),
]
STARTING_RATES = {
    "module": Decimal("3.50"),
    "technical": Decimal("4.20"),
    "investigative": Decimal("4.80"),
    "telephone": Decimal("3.90"),
    "onsite": Decimal("5.50"),
}
STARTING_TAXES = Decimal("14.250")
START = date(2026, 1, 1)

BODY = """Este termo trata da $modalidade no chamado $chamado da empresa $empresa.

O atendimento em consultoria é tarifado por minuto: $preco_por_minuto por minuto, $minimo, mais \
impostos de $impostos sobre o valor. O custo é de responsabilidade de $pagador.

Os minutos são registrados no chamado, sessão a sessão, e enviados a você por e-mail. Nenhum \
minuto é cobrado antes do aceite deste termo. {extra}

Ao aceitar, você declara ter autorização da empresa para contratar este serviço."""
VARIANTS = {
    "end_client": ("Termo de aceite de consultoria — cliente final", ""),
    "unit": (
        "Termo de aceite de consultoria — consultor de unidade ou franquia",
        "O valor é repassado à unidade por transferência gerencial ou faturamento, sem cobrança ao cliente.",
    ),
    "project": (
        "Termo de aceite de consultoria — consultor de projeto",
        "O valor é repassado ao projeto por transferência gerencial ou faturamento, sem cobrança ao cliente.",
    ),
    "certified": (
        "Termo de aceite de consultoria — consultoria homologada",
        "O valor é faturado à consultoria homologada, sem cobrança ao cliente.",
    ),
    "ams": (
        "Termo de aceite de consultoria — AMS",
        "O valor é faturado ao contrato AMS, sem cobrança ao cliente.",
    ),
}


def seed(apps, schema_editor=None):
    Modality = apps.get_model("consultoria", "Modality")
    Rate = apps.get_model("consultoria", "Rate")
    TaxRate = apps.get_model("consultoria", "TaxRate")
    TermTemplate = apps.get_model("consultoria", "TermTemplate")
    for code, name, starts, billing, minimum, product, documentation, approval, opening, unit in MODALITIES:
        modality, _created = Modality.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "how_it_starts": starts,
                "billing": billing,
                "minimum_minutes": minimum,
                "waived_on_product_defect": product,
                "waived_on_documentation_defect": documentation,
                "needs_approval": approval,
                "chosen_at_opening": opening,
                "billed_to_unit": unit,
            },
        )
        if not Rate.objects.filter(modality=modality).exists():
            Rate.objects.create(modality=modality, price_per_minute=STARTING_RATES[code], valid_from=START)
    if not TaxRate.objects.exists():
        TaxRate.objects.create(percentage=STARTING_TAXES, valid_from=START)
    created_at = datetime(2026, 1, 1, 3, tzinfo=UTC)
    for variant, (title, extra) in VARIANTS.items():
        if not TermTemplate.objects.filter(variant=variant).exists():
            body = BODY.replace("{extra}", extra).replace("  ", " ").strip()
            TermTemplate.objects.create(
                variant=variant, version=1, title=title, body=body, created_at=created_at
            )


class Migration(migrations.Migration):
    dependencies = [("consultoria", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
