"""The demo accounts: fictional people that ``seed_demo``, the unit tests and the
end-to-end journeys share (style.md, habit 7).

They sign in with ``DEMO_PASSWORD``, which is public (README): ``seed_demo`` refuses to
create them in production mode unless explicitly told to. Their addresses use the
reserved ``.example`` domain (RFC 2606), so no mail can ever reach a real person.
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.demo.data.communes import CHARENTON_SAINT_MAURICE

DEMO_PASSWORD = "maillage-demo"  # noqa: S105 - documented demo password, refused in production  # nosec B105

ROLE_FACILITATOR = "animateur"
ROLE_ASSOCIATION_ADMIN = "admin_association"
ROLE_COMPANY_ADMIN = "admin_entreprise"
ROLE_STAFF = "staff"


@dataclass(frozen=True)
class Persona:
    key: str
    email: str
    first_name: str
    last_name: str
    role: str
    # Demo key of the organisation the persona administers (or animates from).
    organisation_key: str
    # Facilitator scopes, with the demo key of the animating organisation for each.
    scopes: tuple[tuple[str, str], ...] = ()
    is_staff: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


FACILITATOR = Persona(
    key="facilitator",
    email="animatrice@demo.example",
    first_name="Claire",
    last_name="Fontanel",
    role=ROLE_FACILITATOR,
    organisation_key="la-poste-poitou-charentes",
    # The Vienne (La Poste's 2012 experiment) and the two communes of the former
    # Communauté de communes Charenton – Saint-Maurice (seed 2013). The referential has no
    # EPCI of their own: Paris Est Marne&Bois is an EPT (ept.json, not epci.json) and the
    # only EPCI holding them is the Métropole du Grand Paris, Paris included.
    scopes=(
        ("dep:86", "la-poste-poitou-charentes"),
        *((code, "ville-charenton") for code in CHARENTON_SAINT_MAURICE),
    ),
)

ASSOCIATION_ADMIN = Persona(
    key="association_admin",
    email="association@demo.example",
    first_name="Julien",
    last_name="Marchais",
    role=ROLE_ASSOCIATION_ADMIN,
    organisation_key="iris",
)

COMPANY_ADMIN = Persona(
    key="company_admin",
    email="entreprise@demo.example",
    first_name="Sophie",
    last_name="Lemercier",
    role=ROLE_COMPANY_ADMIN,
    organisation_key="orange-poitou-charentes",
)

STAFF = Persona(
    key="staff",
    email="equipe@demo.example",
    first_name="Nicolas",
    last_name="Brizard",
    role=ROLE_STAFF,
    organisation_key="",
    is_staff=True,
)

PERSONAS: tuple[Persona, ...] = (FACILITATOR, ASSOCIATION_ADMIN, COMPANY_ADMIN, STAFF)
