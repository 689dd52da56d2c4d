"""Hand-kept attribute tables for geodata/build.py.

Province ids are ISO 3166-2 codes (checked against pycountry 26.2.16). The Natural Earth layer shipped
in Debian's qgis-common (world_map.gpkg) has no iso_3166_2 column, so each NE record is matched by
its (name, gn_name) pair, which is unique in that file. Known Natural Earth naming errors are fixed
here, see the comments.
"""


def _t(rows):
    return {(nm, gn): dict(id=i, name=en, name_local=loc, aliases=list(al)) for nm, gn, i, en, loc, al in rows}


# (NE name, NE gn_name, ISO 3166-2, English name, local name, aliases)
AM_PROV = _t([
    ("Aragatsotn", "Aragatsotni Marz", "AM-AG", "Aragatsotn", "Արագածոտն", ["Aragatsotn Province", "Aragatsotn Marz"]),
    ("Ararat", "Ararati Marz", "AM-AR", "Ararat", "Արարատ", ["Ararat Province", "Ararat Marz"]),
    ("Armavir", "Armaviri Marz", "AM-AV", "Armavir", "Արմավիր", ["Armavir Province", "Armavir Marz"]),
    ("Erevan", "Yerevan", "AM-ER", "Yerevan", "Երևան", ["Erevan", "Yerevan City"]),
    ("Gegharkunik", "Geghark'unik'i Marz", "AM-GR", "Gegharkunik", "Գեղարքունիք", ["Gegharkunik Province", "Gegharkunik Marz", "Geghark'unik'"]),
    ("Kotayk", "Kotayk'i Marz", "AM-KT", "Kotayk", "Կոտայք", ["Kotayk Province", "Kotayk Marz", "Kotayk'"]),
    ("Lori", "Lorru Marz", "AM-LO", "Lori", "Լոռի", ["Lori Province", "Lori Marz", "Lorri"]),
    ("Shirak", "Shiraki Marz", "AM-SH", "Shirak", "Շիրակ", ["Shirak Province", "Shirak Marz"]),
    ("Syunik", "Syunik'i Marz", "AM-SU", "Syunik", "Սյունիք", ["Siunik", "Syunik Province", "Syunik Marz", "Syunik'", "Zangezur"]),
    ("Tavush", "Tavushi Marz", "AM-TV", "Tavush", "Տավուշ", ["Tavush Province", "Tavush Marz"]),
    ("Vayots Dzor", "Vayots' Dzori Marz", "AM-VD", "Vayots Dzor", "Վայոց ձոր", ["Vayots Dzor Province", "Vayots Dzor Marz", "Vayk"]),
])

NX_IDS = {"AZ-BAB", "AZ-CUL", "AZ-KAN", "AZ-NV", "AZ-ORD", "AZ-SAD", "AZ-SAH", "AZ-SAR"}

AZ_PROV = _t([
    # Nakhchivan Autonomous Republic (exclave)
    ("Babək", "Babek Rayon", "AZ-BAB", "Babek", "Babək", ["Babek District", "Babak"]),
    ("Culfa", "Julfa Rayon", "AZ-CUL", "Julfa", "Culfa", ["Julfa District", "Jolfa District", "Culfa rayonu"]),
    ("Kangarli", "Kangarli Rayon", "AZ-KAN", "Kangarli", "Kəngərli", ["Kangarli District"]),
    ("Naxçıvan", "Nakhchivan City", "AZ-NV", "Nakhchivan City", "Naxçıvan", ["Nakhchivan", "Naxcivan"]),
    ("Ordubad", "Ordubad Rayon", "AZ-ORD", "Ordubad", "Ordubad", ["Ordubad District"]),
    ("Sədərək", "Sadarak Rayon", "AZ-SAD", "Sadarak", "Sədərək", ["Sadarak District", "Sederek"]),
    ("Şahbuz", "Shahbuz Rayon", "AZ-SAH", "Shahbuz", "Şahbuz", ["Shahbuz District", "Sahbuz"]),
    # NE fips code for Şərur is AM10 (an NE error), the record is Sharur Rayon
    ("Şərur", "Sharur Rayon", "AZ-SAR", "Sharur", "Şərur", ["Sharur District", "Sarur"]),
    # mainland
    ("Abşeron", "Absheron Rayon", "AZ-ABS", "Absheron", "Abşeron", ["Absheron District", "Apsheron"]),
    ("Ağstafa", "Aghstafa Rayon", "AZ-AGA", "Aghstafa", "Ağstafa", ["Agstafa"]),
    ("Ağcabədi", "Aghjabadi Rayon", "AZ-AGC", "Aghjabadi", "Ağcabədi", ["Agjabedi", "Agcabadi"]),
    ("Ağdam", "Aghdam Rayon", "AZ-AGM", "Aghdam", "Ağdam", ["Agdam"]),
    ("Ağdaş", "Aghdash Rayon", "AZ-AGS", "Aghdash", "Ağdaş", ["Agdash"]),
    ("Ağsu", "Aghsu Rayon", "AZ-AGU", "Agsu", "Ağsu", ["Aghsu"]),
    ("Astara", "Astara Rayon", "AZ-AST", "Astara", "Astara", []),
    ("Bakı", "Baku City", "AZ-BA", "Baku", "Bakı", ["Baki"]),
    ("Balakən", "Balakan Rayon", "AZ-BAL", "Balakan", "Balakən", []),
    ("Bərdə", "Barda Rayon", "AZ-BAR", "Barda", "Bərdə", []),
    ("Beyləqan", "Beylagan Rayon", "AZ-BEY", "Beylagan", "Beyləqan", []),
    ("Biləsuvar", "Bilasuvar Rayon", "AZ-BIL", "Bilasuvar", "Biləsuvar", []),
    ("Cəbrayıl", "Cabrayil Rayonu", "AZ-CAB", "Jabrayil", "Cəbrayıl", ["Jabrail", "Cabrayil"]),
    ("Cəlilabad", "Jalilabad Rayon", "AZ-CAL", "Jalilabad", "Cəlilabad", []),
    ("Daşkəsən", "Dashkasan Rayon", "AZ-DAS", "Dashkasan", "Daşkəsən", []),
    ("Füzuli", "Fizuli Rayon", "AZ-FUZ", "Fuzuli", "Füzuli", ["Fizuli"]),
    ("Goranboy", "Goranboy Rayon", "AZ-GOR", "Goranboy", "Goranboy", []),
    ("Göyçay", "Goychay Rayon", "AZ-GOY", "Goychay", "Göyçay", []),
    ("Gədəbəy", "Gadabay Rayon", "AZ-GAD", "Gadabay", "Gədəbəy", ["Gedabek"]),
    ("Gəncə", "Ganja City", "AZ-GA", "Ganja", "Gəncə", []),
    ("Hajigabul", "Hajigabul Rayon", "AZ-HAC", "Hajigabul", "Hacıqabul", []),
    ("Kürdəmir", "Kurdamir Rayon", "AZ-KUR", "Kurdamir", "Kürdəmir", []),
    ("Kəlbəcər", "Kalbacar Rayonu", "AZ-KAL", "Kalbajar", "Kəlbəcər", ["Kelbajar"]),
    ("Lankaran", "Lankaran Rayon", "AZ-LAN", "Lankaran District", "Lənkəran rayonu", ["Lankaran", "Lenkoran"]),
    # NE names this record "Lankaran" but it is Lachin (gn_name "Lacin Rayonu"; it lies at 39.6 N 46.5 E)
    ("Lankaran", "Lacin Rayonu", "AZ-LAC", "Lachin", "Laçın", ["Lachin District", "Lacin"]),
    ("Lankaran", "Lankaran Sahari", "AZ-LA", "Lankaran", "Lənkəran", ["Lankaran City", "Lenkoran"]),
    ("Lerik", "Lerik Rayon", "AZ-LER", "Lerik", "Lerik", []),
    ("Masallı", "Masally Rayon", "AZ-MAS", "Masally", "Masallı", []),
    ("Mingəçevir", "Mingacevir City", "AZ-MI", "Mingachevir", "Mingəçevir", ["Mingechaur"]),
    ("Naftalan", "Naftalan City", "AZ-NA", "Naftalan", "Naftalan", []),
    ("Neftçala", "Neftchala Rayon", "AZ-NEF", "Neftchala", "Neftçala", []),
    ("Oğuz", "Oghuz Rayon", "AZ-OGU", "Oghuz", "Oğuz", []),
    ("Qax", "Qakh Rayon", "AZ-QAX", "Gakh", "Qax", ["Qakh"]),
    ("Qazax", "Qazakh Rayon", "AZ-QAZ", "Gazakh", "Qazax", ["Qazakh", "Kazakh"]),
    ("Qobustan", "Gobustan Rayon", "AZ-QOB", "Gobustan", "Qobustan", []),
    ("Quba", "Quba Rayon", "AZ-QBA", "Guba", "Quba", ["Kuba"]),
    ("Qubadli", "Qubadli Rayon", "AZ-QBI", "Gubadly", "Qubadlı", ["Qubadli"]),
    ("Qusar", "Qusar Rayon", "AZ-QUS", "Gusar", "Qusar", []),
    ("Qəbələ", "Qabala Rayon", "AZ-QAB", "Gabala", "Qəbələ", ["Qabala"]),
    ("Saatlı", "Saatly Rayon", "AZ-SAT", "Saatly", "Saatlı", []),
    ("Sabirabad", "Sabirabad Rayon", "AZ-SAB", "Sabirabad", "Sabirabad", []),
    ("Salyan", "Salyan Rayon", "AZ-SAL", "Salyan", "Salyan", []),
    ("Samux", "Samukh Rayon", "AZ-SMX", "Samukh", "Samux", []),
    # NE "Shirvan" with gn_name "Ali Bajramly" (the city's Soviet name) is Shirvan city
    ("Shirvan", "Ali Bajramly", "AZ-SR", "Shirvan", "Şirvan", ["Ali Bayramli"]),
    ("Siyəzən", "Siazan Rayon", "AZ-SIY", "Siyazan", "Siyəzən", []),
    # NE swaps the gn_names of Khankendi and Khojaly: the small polygon named Stepanakert is the city
    ("Stepanakert", "Xocali Rayonu", "AZ-XA", "Khankendi", "Xankəndi", ["Stepanakert", "Xankandi"]),
    ("Xocalı", "Xankandi Sahari", "AZ-XCI", "Khojaly", "Xocalı", ["Khojali", "Xocali"]),
    ("Sumqayıt", "Sumqayit City", "AZ-SM", "Sumgait", "Sumqayıt", ["Sumqayit"]),
    ("Tovuz", "Tovuz Rayon", "AZ-TOV", "Tovuz", "Tovuz", []),
    ("Tərtər", "Tartar Rayon", "AZ-TAR", "Tartar", "Tərtər", ["Terter"]),
    ("Ucar", "Ujar Rayon", "AZ-UCA", "Ujar", "Ucar", []),
    # Xanlar is the old name of Göygöl; Dəvəçi the old name of Şabran
    ("Xanlar", "Goygol Rayon", "AZ-GYG", "Goygol", "Göygöl", ["Xanlar", "Khanlar"]),
    ("Dəvəçi", "Davachi Rayon", "AZ-SBN", "Shabran", "Şabran", ["Davachi", "Dəvəçi"]),
    ("Xaçmaz", "Khachmaz Rayon", "AZ-XAC", "Khachmaz", "Xaçmaz", []),
    ("Xizı", "Khizi Rayon", "AZ-XIZ", "Khizi", "Xızı", []),
    ("Xocavənd", "Xocavand Rayonu", "AZ-XVD", "Khojavend", "Xocavənd", ["Khojavend", "Martuni"]),
    ("Yardımlı", "Yardymli Rayon", "AZ-YAR", "Yardimli", "Yardımlı", []),
    ("Yevlakh", "Yevlakh City", "AZ-YE", "Yevlakh", "Yevlax", ["Yevlakh City"]),
    ("Yevlakh Rayon", "Yevlakh Rayon", "AZ-YEV", "Yevlakh District", "Yevlax rayonu", []),
    ("Zaqatala", "Zaqatala Rayon", "AZ-ZAQ", "Zagatala", "Zaqatala", []),
    ("Zəngilan", "Zangilan Rayon", "AZ-ZAN", "Zangilan", "Zəngilan", ["Zangelan"]),
    ("Zərdab", "Zardab Rayon", "AZ-ZAR", "Zardab", "Zərdab", []),
    ("İmişli", "Imishli Rayon", "AZ-IMI", "Imishli", "İmişli", []),
    ("İsmayıllı", "Ismayilli Rayon", "AZ-ISM", "Ismayilli", "İsmayıllı", []),
    ("Şamaxı", "Shamakhi Rayon", "AZ-SMI", "Shamakhi", "Şamaxı", []),
    # NE has Şuşa district and Şuşa city (no ISO code) separately; both map to AZ-SUS and are dissolved
    ("Şuşa", "Susa Rayonu", "AZ-SUS", "Shusha", "Şuşa", ["Shushi"]),
    ("Şuşa", "Susa Sahari", "AZ-SUS", "Shusha", "Şuşa", ["Shushi"]),
    ("Şəki", "Shaki Rayon", "AZ-SAK", "Shaki District", "Şəki rayonu", []),
    ("Şəki", "Saki Sahari", "AZ-SA", "Shaki", "Şəki", ["Shaki City", "Sheki"]),
    ("Şəmkir", "Shamkir Rayon", "AZ-SKR", "Shamkir", "Şəmkir", []),
])

GE_PROV = _t([
    ("Abkhazia", "Abkhazia", "GE-AB", "Abkhazia", "აფხაზეთი", ["Abkhazia Autonomous Republic", "Apkhazeti"]),
    ("Ajaria", "Ajaria", "GE-AJ", "Adjara", "აჭარა", ["Ajaria", "Ajara", "Adjara Autonomous Republic"]),
    ("Guria", "Guria", "GE-GU", "Guria", "გურია", []),
    ("Imereti", "Imereti", "GE-IM", "Imereti", "იმერეთი", []),
    ("Kakheti", "Kakheti", "GE-KA", "Kakheti", "კახეთი", ["K'akheti"]),
    ("Kvemo Kartli", "Kvemo Kartli", "GE-KK", "Kvemo Kartli", "ქვემო ქართლი", []),
    ("Mtskheta-Mtianeti", "Mtskheta-Mtianeti", "GE-MM", "Mtskheta-Mtianeti", "მცხეთა-მთიანეთი", []),
    ("Racha-Lechkhumi-Kvemo Svaneti", "Racha-Lechkhumi and Kvemo Svaneti", "GE-RL",
     "Racha-Lechkhumi and Kvemo Svaneti", "რაჭა-ლეჩხუმი და ქვემო სვანეთი", []),
    ("Samegrelo-Zemo Svaneti", "Samegrelo-Zemo Svanetis Mkhare", "GE-SZ", "Samegrelo-Zemo Svaneti",
     "სამეგრელო-ზემო სვანეთი", []),
    ("Samtskhe-Javakheti", "Samtskhe-Javakheti", "GE-SJ", "Samtskhe-Javakheti", "სამცხე-ჯავახეთი", []),
    ("Shida Kartli", "Shida Kartli", "GE-SK", "Shida Kartli", "შიდა ქართლი", []),
    ("Tbilisi", "K'alak'i T'bilisi", "GE-TB", "Tbilisi", "თბილისი", []),
])

# Only the provinces that can border Armenia/Azerbaijan/Georgia are named; build.py keeps those sharing
# >= 1 km of border and fails if a kept one is missing here.
IR_PROV = _t([
    ("East Azarbaijan", "Ostan-e Azarbayjan-e Sharqi", "IR-03", "East Azerbaijan", "آذربایجان شرقی",
     ["East Azarbaijan", "Azarbayjan-e Sharqi", "Eastern Azerbaijan"]),
    ("West Azarbaijan", "Ostan-e Azarbayjan-e Gharbi", "IR-04", "West Azerbaijan", "آذربایجان غربی",
     ["West Azarbaijan", "Azarbayjan-e Gharbi", "Western Azerbaijan"]),
    ("Ardebil", "Ostan-e Ardabil", "IR-24", "Ardabil", "اردبیل", ["Ardebil"]),
    ("Gilan", "Ostan-e Gilan", "IR-01", "Gilan", "گیلان", ["Guilan"]),
])

TR_PROV = _t([
    ("Artvin", "Artvin", "TR-08", "Artvin", "Artvin", ["Artvin Province"]),
    ("Ardahan", "Ardahan", "TR-75", "Ardahan", "Ardahan", ["Ardahan Province"]),
    ("Kars", "Kars", "TR-36", "Kars", "Kars", ["Kars Province"]),
    ("Iğdir", "Igdir", "TR-76", "Iğdır", "Iğdır", ["Igdir", "Iğdır Province"]),
    ("Agri", "Agri", "TR-04", "Ağrı", "Ağrı", ["Agri", "Ağrı Province"]),
])

COUNTRIES = {
    "AM": dict(name="Armenia", name_local="Հայաստան", aliases=["Hayastan", "Republic of Armenia", "ARM"],
               kind="country", country="AM", parent=None,
               note="OSM outline (de facto line of control); land only."),
    "AZ-MAIN": dict(name="Mainland Azerbaijan", name_local="Azərbaycan", aliases=["Azerbaijan", "Azərbaycan", "AZ", "AZE", "Azerbaijan (mainland)"],
                    kind="mainland", country="AZ", parent="AZ",
                    note="Azerbaijan without the Nakhchivan exclave; Caspian territorial waters removed. "
                         "Includes the former Nagorno-Karabakh area (Azerbaijani since 2023)."),
    "AZ-NX": dict(name="Nakhchivan Autonomous Republic", name_local="Naxçıvan Muxtar Respublikası",
                  aliases=["Nakhchivan", "Naxçıvan", "Nakhichevan", "Naxcivan", "AZ-NX"],
                  kind="exclave", country="AZ", parent="AZ",
                  note="Exclave of Azerbaijan, separated from the mainland by Armenia's Syunik province."),
    "GE": dict(name="Georgia", name_local="საქართველო", aliases=["Sakartvelo", "GEO"],
               kind="country", country="GE", parent=None,
               note="Includes Abkhazia and South Ossetia (de jure Georgia, as in OSM); Black Sea waters removed."),
    "IR": dict(name="Iran", name_local="ایران", aliases=["Islamic Republic of Iran", "IRN", "Persia"],
               kind="country", country="IR", parent=None,
               note="clipped to the provinces that border Armenia, Azerbaijan or Georgia"),
    "TR": dict(name="Turkey", name_local="Türkiye", aliases=["Türkiye", "Turkiye", "TUR"],
               kind="country", country="TR", parent=None,
               note="clipped to the provinces that border Armenia, Azerbaijan or Georgia"),
}
