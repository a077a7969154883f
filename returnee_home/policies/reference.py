"""The policy themes the province files its documents under (reference data, shipped by the
migration; `ensure_themes` puts them back after a test empties the tables)."""

THEMES = [
    ("talent-attraction", "人才引进", "Talent attraction"),
    ("innovation-entrepreneurship", "创新创业", "Innovation and entrepreneurship"),
    ("employment", "就业服务", "Employment services"),
    ("qualifications-honours", "资质荣誉", "Qualifications and honours"),
    ("grants-subsidies", "资金补贴", "Grants and subsidies"),
    ("housing", "住房保障", "Housing"),
    ("household-registration", "落户服务", "Household registration"),
    ("children-education", "子女教育", "Children's education"),
    ("social-security", "社会保障", "Social security"),
    ("professional-titles", "职称评审", "Professional titles"),
    ("entry-exit", "出入境便利", "Entry, exit and residence"),
    ("tax", "税收优惠", "Tax incentives"),
    ("postdoctoral", "博士后", "Postdoctoral programmes"),
    ("healthcare", "医疗保障", "Healthcare"),
]


def ensure_themes(theme_model: object = None) -> None:
    """Create the themes that are missing (the model may be a migration's historical one)."""
    if theme_model is None:
        from returnee_home.policies.models import Theme

        theme_model = Theme
    for order, (code, zh, en) in enumerate(THEMES, start=1):
        theme_model.objects.update_or_create(  # type: ignore[attr-defined]
            code=code, defaults={"name_zh": zh, "name_en": en, "sort_order": order}
        )
