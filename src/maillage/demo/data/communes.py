"""Communes of the demo territory, with the coordinates of their town centre.

Codes, names, postal codes and populations are those of the shipped referential
(``@etalab/decoupage-administratif`` 6.0.0, COG 2026). The referential has no coordinates:
the WGS84 town-centre points below were compiled by hand from public gazetteers
(GeoNames, CC BY 4.0, checked and corrected where its point was rounded or off) and are
rounded to four decimals (about ten metres) — a town centre, not an organisation's door.

``zone`` says where the generator may place fictional actors: a Poitou-Charentes
département code, ``charenton`` (the former Communauté de communes Charenton – Saint-Maurice
of seed 2013), ``voisins`` (its Val-de-Marne neighbours), or ``""`` for a commune that only hosts an
organisation named in the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCommune:
    code: str
    name: str
    departement: str
    postal_code: str
    population: int
    latitude: float
    longitude: float
    zone: str


DEMO_COMMUNES: tuple[DemoCommune, ...] = (
    DemoCommune("86194", "Poitiers", "86", "86000", 89916, 46.5802, 0.3404, "86"),
    DemoCommune("86066", "Châtellerault", "86", "86100", 31003, 46.8178, 0.5461, "86"),
    DemoCommune("86062", "Chasseneuil-du-Poitou", "86", "86360", 4743, 46.6511, 0.3733, "86"),
    DemoCommune("86041", "Buxerolles", "86", "86180", 10289, 46.6025, 0.3700, "86"),
    DemoCommune("86214", "Saint-Benoît", "86", "86280", 7375, 46.5532, 0.3419, "86"),
    DemoCommune("86158", "Migné-Auxances", "86", "86440", 6285, 46.6275, 0.3146, "86"),
    DemoCommune("86115", "Jaunay-Marigny", "86", "86130", 7528, 46.6844, 0.3614, "86"),
    DemoCommune("86165", "Montmorillon", "86", "86500", 5821, 46.4264, 0.8706, "86"),
    DemoCommune("86137", "Loudun", "86", "86200", 6839, 47.0079, 0.0830, "86"),
    DemoCommune("86078", "Civray", "86", "86400", 2522, 46.1471, 0.2951, "86"),
    DemoCommune("86070", "Chauvigny", "86", "86300", 7007, 46.5675, 0.6493, "86"),
    DemoCommune("86177", "Neuville-de-Poitou", "86", "86170", 5513, 46.6847, 0.2478, "86"),
    DemoCommune("86297", "Vouneuil-sous-Biard", "86", "86580", 6290, 46.5739, 0.2699, "86"),
    DemoCommune("86157", "Mignaloux-Beauvoir", "86", "86550", 5229, 46.5416, 0.4154, "86"),
    DemoCommune("86139", "Lusignan", "86", "86600", 2544, 46.4360, 0.1262, "86"),
    DemoCommune("86174", "Naintré", "86", "86530", 5964, 46.7635, 0.4868, "86"),
    DemoCommune("86100", "Fontaine-le-Comte", "86", "86240", 3972, 46.5322, 0.2618, "86"),
    DemoCommune("86133", "Ligugé", "86", "86240", 3444, 46.5204, 0.3262, "86"),
    DemoCommune("86293", "Vivonne", "86", "86370", 4550, 46.4295, 0.2644, "86"),
    DemoCommune("86103", "Gençay", "86", "86160", 1653, 46.3747, 0.4042, "86"),
    DemoCommune("86112", "L'Isle-Jourdain", "86", "86150", 1126, 46.2356, 0.6697, "86"),
    DemoCommune("86128", "Lencloître", "86", "86140", 2483, 46.8162, 0.3283, "86"),
    DemoCommune("86160", "Mirebeau", "86", "86110", 2143, 46.7874, 0.1834, "86"),
    DemoCommune("86246", "Saint-Savin", "86", "86310", 816, 46.5653, 0.8671, "86"),
    DemoCommune("86082", "Valence-en-Poitou", "86", "86700", 4325, 46.2994, 0.1822, "86"),
    DemoCommune("86294", "Vouillé", "86", "86190", 3697, 46.6401, 0.1678, "86"),
    DemoCommune("86263", "Smarves", "86", "86240", 2941, 46.5108, 0.3498, "86"),
    DemoCommune("86113", "Iteuil", "86", "86240", 2989, 46.4881, 0.3121, "86"),
    DemoCommune("79191", "Niort", "79", "79000", 59854, 46.3231, -0.4588, "79"),
    DemoCommune("79049", "Bressuire", "79", "79300", 19970, 46.8403, -0.4886, "79"),
    DemoCommune("79202", "Parthenay", "79", "79200", 10140, 46.6486, -0.2469, "79"),
    DemoCommune("79329", "Thouars", "79", "79100", 13891, 46.9760, -0.2151, "79"),
    DemoCommune("79062", "Cerizay", "79", "79140", 4793, 46.8215, -0.6673, "79"),
    DemoCommune("79195", "Nueil-les-Aubiers", "79", "79250", 5483, 46.9367, -0.5903, "79"),
    DemoCommune("79210", "Le Pin", "79", "79140", 1091, 46.8618, -0.6544, "79"),
    DemoCommune("79174", "Melle", "79", "79500", 5752, 46.2229, -0.1422, "79"),
    DemoCommune("79270", "Saint-Maixent-l'École", "79", "79400", 7595, 46.4128, -0.2075, "79"),
    DemoCommune("79081", "Chauray", "79", "79180", 7221, 46.3600, -0.3786, "79"),
    DemoCommune("79003", "Aiffres", "79", "79230", 5419, 46.2945, -0.4210, "79"),
    DemoCommune("79079", "Mauléon", "79", "79700", 8573, 46.9228, -0.7494, "79"),
    DemoCommune("79061", "Celles-sur-Belle", "79", "79370", 3829, 46.2622, -0.2127, "79"),
    DemoCommune("79109", "Échiré", "79", "79410", 3549, 46.3875, -0.4151, "79"),
    DemoCommune("79083", "Chef-Boutonne", "79", "79110", 2371, 46.1086, -0.0708, "79"),
    DemoCommune("79005", "Airvault", "79", "79600", 3306, 46.8253, -0.1363, "79"),
    DemoCommune("79034", "Bessines", "79", "79000", 1903, 46.3021, -0.5129, "79"),
    DemoCommune("79170", "Mauzé-sur-le-Mignon", "79", "79210", 2941, 46.1952, -0.6703, "79"),
    DemoCommune("16015", "Angoulême", "16", "16000", 41908, 45.6484, 0.1562, "16"),
    DemoCommune("16102", "Cognac", "16", "16100", 18532, 45.6958, -0.3287, "16"),
    DemoCommune("16374", "Soyaux", "16", "16800", 10087, 45.6408, 0.1992, "16"),
    DemoCommune("16113", "La Couronne", "16", "16400", 7765, 45.6113, 0.0995, "16"),
    DemoCommune("16291", "Ruelle-sur-Touvre", "16", "16600", 7408, 45.6806, 0.2297, "16"),
    DemoCommune("16106", "Confolens", "16", "16500", 2730, 46.0136, 0.6717, "16"),
    DemoCommune("16028", "Barbezieux-Saint-Hilaire", "16", "16300", 4726, 45.4727, -0.1522, "16"),
    DemoCommune("16292", "Ruffec", "16", "16700", 3449, 46.0288, 0.1982, "16"),
    DemoCommune("16167", "Jarnac", "16", "16200", 4486, 45.6816, -0.1733, "16"),
    DemoCommune("16085", "Chasseneuil-sur-Bonnieure", "16", "16260", 3111, 45.8192, 0.4486, "16"),
    DemoCommune("16166", "L'Isle-d'Espagnac", "16", "16340", 5682, 45.6636, 0.1986, "16"),
    DemoCommune("16154", "Gond-Pontouvre", "16", "16160", 5862, 45.6722, 0.1664, "16"),
    DemoCommune("16358", "Saint-Yrieix-sur-Charente", "16", "16710", 7539, 45.6861, 0.1219, "16"),
    DemoCommune("16090", "Châteauneuf-sur-Charente", "16", "16120", 3550, 45.6006, -0.0531, "16"),
    DemoCommune("17300", "La Rochelle", "17", "17000", 79851, 46.1603, -1.1511, "17"),
    DemoCommune("17299", "Rochefort", "17", "17300", 23460, 45.9421, -0.9588, "17"),
    DemoCommune("17415", "Saintes", "17", "17100", 25363, 45.7464, -0.6333, "17"),
    DemoCommune("17306", "Royan", "17", "17200", 19425, 45.6248, -1.0297, "17"),
    DemoCommune("17028", "Aytré", "17", "17440", 9746, 46.1357, -1.1145, "17"),
    DemoCommune("17200", "Lagord", "17", "17140", 7802, 46.1882, -1.1536, "17"),
    DemoCommune("17274", "Périgny", "17", "17180", 8877, 46.1552, -1.0982, "17"),
    DemoCommune("17197", "Jonzac", "17", "17500", 3602, 45.4459, -0.4343, "17"),
    DemoCommune("17347", "Saint-Jean-d'Angély", "17", "17400", 6784, 45.9458, -0.5211, "17"),
    DemoCommune("17434", "Surgères", "17", "17700", 6897, 46.1082, -0.7515, "17"),
    DemoCommune("17219", "Marennes-Hiers-Brouage", "17", "17320", 6163, 45.8225, -1.1061, "17"),
    DemoCommune("17449", "Tonnay-Charente", "17", "17430", 8289, 45.9490, -0.8935, "17"),
    DemoCommune("17283", "Pons", "17", "17800", 4343, 45.5799, -0.5478, "17"),
    DemoCommune("17291", "Puilboreau", "17", "17138", 6765, 46.1862, -1.1180, "17"),
    DemoCommune("17421", "Saujon", "17", "17600", 7440, 45.6731, -0.9262, "17"),
    DemoCommune("17094", "Châtelaillon-Plage", "17", "17340", 6653, 46.0719, -1.0893, "17"),
    DemoCommune("94018", "Charenton-le-Pont", "94", "94220", 28830, 48.8221, 2.4122, "charenton"),
    DemoCommune("94069", "Saint-Maurice", "94", "94410", 14506, 48.8218, 2.4272, "charenton"),
    DemoCommune("94080", "Vincennes", "94", "94300", 48193, 48.8486, 2.4377, "voisins"),
    DemoCommune("94067", "Saint-Mandé", "94", "94160", 21071, 48.8386, 2.4158, "voisins"),
    DemoCommune("94046", "Maisons-Alfort", "94", "94700", 56799, 48.8058, 2.4378, "voisins"),
    DemoCommune("94042", "Joinville-le-Pont", "94", "94340", 20525, 48.8214, 2.4731, "voisins"),
    DemoCommune("94002", "Alfortville", "94", "94140", 45531, 48.8058, 2.4204, "voisins"),
    DemoCommune("94041", "Ivry-sur-Seine", "94", "94200", 65064, 48.8157, 2.3849, "voisins"),
    DemoCommune("94028", "Créteil", "94", "94000", 93397, 48.7904, 2.4556, "voisins"),
    DemoCommune("94033", "Fontenay-sous-Bois", "94", "94120", 53757, 48.8511, 2.4769, "voisins"),
    DemoCommune("94052", "Nogent-sur-Marne", "94", "94130", 32455, 48.8372, 2.4828, "voisins"),
    DemoCommune("94068", "Saint-Maur-des-Fossés", "94", "94100", 76572, 48.7940, 2.4932, "voisins"),
    DemoCommune("94017", "Champigny-sur-Marne", "94", "94500", 78072, 48.8172, 2.5156, "voisins"),
    DemoCommune("94058", "Le Perreux-sur-Marne", "94", "94170", 35260, 48.8422, 2.5036, "voisins"),
    DemoCommune("94081", "Vitry-sur-Seine", "94", "94400", 93963, 48.7872, 2.4033, "voisins"),
    DemoCommune("75056", "Paris", "75", "75001", 2103778, 48.8534, 2.3488, ""),
    DemoCommune("67482", "Strasbourg", "67", "67000", 293771, 48.5839, 7.7455, ""),
    DemoCommune("69123", "Lyon", "69", "69001", 519127, 45.7640, 4.8357, ""),
    DemoCommune("69034", "Caluire-et-Cuire", "69", "69300", 43597, 45.7904, 4.8411, ""),
)

COMMUNES_BY_CODE: dict[str, DemoCommune] = {commune.code: commune for commune in DEMO_COMMUNES}

# Départements whose communes the demo needs in the referential (tests load only these).
DEMO_DEPARTEMENTS: tuple[str, ...] = tuple(
    sorted({commune.departement for commune in DEMO_COMMUNES})
)

# Poitou-Charentes (seed 2012): the four départements of the former région, now part of
# Nouvelle-Aquitaine (reg:75). Regional bodies of 2012 intervene on these four.
POITOU_CHARENTES = ("dep:16", "dep:17", "dep:79", "dep:86")
# The former Communauté de communes Charenton – Saint-Maurice (seed 2013), merged in 2016
# into the établissement public territorial Paris Est Marne&Bois.
CHARENTON_SAINT_MAURICE = ("com:94018", "com:94069")
