"""The evaluation report and its one-page summary: figures computed right, charts drawn
as inline SVG (no inline style or script), printable."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.evaluation import services
from maillage.evaluation.charts import horizontal_bars, line_chart, rating_chart
from maillage.evaluation.selectors import evaluation_report
from maillage.evaluation.tests.factories import START, all_dimensions, answer, indicator, period
from maillage.partnerships.tests.factories import add_contribution, make_active

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(world):
    partnership = make_active(world.partnership)
    add_contribution(partnership, world.company_party, amount="12000", status="realisee")
    add_contribution(
        partnership, world.company_party, kind="competences", amount="4000", hours="160"
    )
    add_contribution(
        partnership, world.association_party, kind="benevolat", amount=None, hours="300", people=6
    )
    people = indicator(partnership, name="Habitants accompagnés", target="40")
    hours = indicator(
        partnership,
        name="Heures de bénévolat",
        dimension="valeur_association",
        target="200",
        unit="heures",
        impact_family="confiance",
    )
    indicator(partnership, name="Salariés mobilisés", dimension="retour_entreprise", target="30")
    services.measurement_record(indicator=people, measured_on=START, value=Decimal(10), user=None)
    services.measurement_record(
        indicator=people, measured_on=START + dt.timedelta(days=90), value=Decimal(44), user=None
    )
    services.measurement_record(indicator=hours, measured_on=START, value=Decimal(150), user=None)
    bilan = period(partnership)
    answer(
        bilan,
        world.association_party,
        world.cast.member,
        {**all_dimensions(4), "confiance": 5},
        summary="Un partenariat qui a changé notre façon de travailler.",
    )
    answer(bilan, world.company_party, world.partner_member, {**all_dimensions(2), "confiance": 4})
    return world


def test_report_figures_are_computed_right(evaluated):
    report = evaluation_report(partnership=evaluated.partnership, user=evaluated.cast.member)
    assert report.totals.all.amount_eur == Decimal("16000")
    assert report.totals.all.money_eur == Decimal("12000")
    assert report.totals.all.hours == Decimal("460")
    assert report.totals.realised_percent == 75
    by_name = {view.indicator.name: view for view in report.indicators}
    assert by_name["Habitants accompagnés"].progress.percent == 110
    assert by_name["Heures de bénévolat"].progress.percent == 75
    assert by_name["Salariés mobilisés"].progress.percent is None
    assert report.indicators_reached == 1
    dimensions = {d.dimension: d for d in report.dimensions}
    assert dimensions["impact_bien_commun"].average == Decimal("3.0")
    assert dimensions["impact_bien_commun"].reached == 1
    assert dict(report.impacts)["Confiance"] == Decimal("4.5")
    assert report.quotes == [
        ("Les Ateliers du Clain", "Un partenariat qui a changé notre façon de travailler.")
    ]
    assert [(h.from_label, h.to_label) for h in report.history] == [
        ("Idée", "En construction"),
        ("En construction", "Active"),
    ]
    assert report.contributions_by_party_chart is not None
    widths = [bar.width for bar in report.contributions_by_party_chart.bars]
    assert widths[1] > widths[0] == 0  # the company gave everything valued


def test_a_party_that_has_not_submitted_does_not_see_the_others_in_the_report(evaluated):
    bilan = period(evaluated.partnership, label="Bilan final")
    answer(bilan, evaluated.company_party, evaluated.partner_member, all_dimensions(5))
    report = evaluation_report(partnership=evaluated.partnership, user=evaluated.cast.member)
    final = next(view for view in report.periods if view.period.label == "Bilan final")
    company = next(s for s in final.parties if s.party == evaluated.company_party)
    assert company.submitted and not company.visible
    assert report.latest_period is not None
    assert report.latest_period.period.label == "Bilan à six mois"


def _svg_numbers(html: str) -> list[str]:
    return re.findall(r'(?:x|y|width|cx|cy)="([^"]+)"', html)


def test_the_report_page_is_printable_with_charts_and_no_inline_code(client, evaluated):
    client.force_login(evaluated.cast.member)
    response = client.get(reverse("evaluation:report", kwargs={"pk": evaluated.partnership.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 4  # contributions ×2, measurements, ratings
    assert "Habitants accompagnés" in html and "110 %" in html
    assert "Écart de 2 points" in html
    assert "partnerships-print.js" in html and "data-print" in html
    assert "css/partnerships.css" in html
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    # Coordinates are written the SVG way (a dot, never a French comma).
    assert all("," not in value for value in _svg_numbers(html))


def test_the_one_page_summary_speaks_to_elected_officials(client, evaluated):
    client.force_login(evaluated.cast.facilitator_in)
    html = client.get(
        reverse("evaluation:summary", kwargs={"pk": evaluated.partnership.pk})
    ).content.decode()
    assert "Utilité sociale" in html
    assert "16\u202f000 €" in html or "16\u00a0000 €" in html
    assert "1 / 3" in html
    assert "4,5/5" in html  # confiance, as the parties rated it
    assert "Un partenariat qui a changé notre façon de travailler." in html


def test_report_pages_keep_a_query_budget(client, evaluated, django_assert_max_num_queries):
    client.force_login(evaluated.cast.member)
    with django_assert_max_num_queries(40):
        client.get(reverse("evaluation:report", kwargs={"pk": evaluated.partnership.pk}))
    with django_assert_max_num_queries(30):
        client.get(reverse("evaluation:overview", kwargs={"pk": evaluated.partnership.pk}))


# --------------------------------------------------------------------------- charts


def test_bars_share_one_scale_from_zero():
    chart = horizontal_bars([("A", 50, "50 €"), ("B", 100, "100 €"), ("C", 0, "0 €")])
    widths = [bar.width for bar in chart.bars]
    assert widths[1] == 2 * widths[0] and widths[2] == 0
    assert chart.height > 3 * chart.bar_height
    assert [bar.css for bar in chart.bars] == ["series-0", "series-1", "series-2"]


def test_the_line_chart_places_baseline_target_and_measures_inside_the_frame():
    chart = line_chart(
        [(dt.date(2025, 1, 1), 10), (dt.date(2025, 7, 1), 30)], baseline=0, target=40
    )
    assert chart.target_y < chart.dots[1].y < chart.dots[0].y < chart.baseline_y
    assert chart.dots[0].x == chart.left and chart.dots[1].x == chart.right
    assert chart.target_y > 0 and chart.baseline_y < chart.height
    single = line_chart([(dt.date(2025, 1, 1), 5)], baseline=5, target=5)
    assert single.dots[0].x == (single.left + single.right) / 2


def test_the_rating_chart_bands_divergent_rows_and_separates_equal_ratings():
    chart = rating_chart(
        [
            ("Valeur", [(0, "A", 1), (1, "B", 5)], True),
            ("Retour", [(0, "A", 3), (1, "B", 3)], False),
        ]
    )
    first, second = chart.rows
    assert first.divergent and first.band_width > 4 * (chart.ticks[1].x - chart.ticks[0].x) - 1
    assert second.dots[0].cx == second.dots[1].cx and second.dots[0].cy != second.dots[1].cy
    assert [tick.label for tick in chart.ticks] == ["1", "2", "3", "4", "5"]
