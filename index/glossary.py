"""Korean words of the reports' subject matter with their English renderings, for questions asked in Korean.

The passages are in English, so a Korean question shares no words with them and BM25 sees nothing; the
multilingual embedder bridges meaning but blurs specifics ("세미나" vs "workshop"). Rendering the
question's domain words in English gives BM25 and the answer's word coverage something to match, as
dictionary-based query translation does. Only unambiguous terms; a stem matches with any particle. Renderings
joined by "|" are alternatives, one word of the question ("참석": "attended|participants"): a passage with either
has it (api/terms.py).
"""

from __future__ import annotations

import re

__all__ = ["KO_EN", "KO_TITLES", "english_terms", "korean_stem"]

# Titles of office, by the English title the reports use: "태국사법연구소 소장은 누구인가요?" asks for its
# director (a closed class, like the offices of api/roles.py).
KO_TITLES: dict[str, str] = {
    "사무총장": "secretary",
    "소장": "director",
    "원장": "director",
    "의장": "chair",
    "회장": "president",
}

KO_EN: dict[str, str] = {
    **KO_TITLES,
    "세미나": "seminar",
    "워크숍": "workshop",
    "웨비나": "webinar",
    "회의": "meeting|conference",
    "포럼": "forum",
    "교육": "training",
    "연수": "training course",
    "보고서": "report",
    "학술지": "journal",
    "논문": "papers",
    "토론 보고서": "discussion papers",
    "양해각서": "MOU memorandum of understanding",
    "대학": "university",
    "참가자": "participants",
    "참석": "attended|participants",
    "본부": "headquarters|headquartered",
    "사무소": "offices",
    "지역 사무소": "regional offices",
    "설문조사": "survey",
    "여성": "women",
    "교도소": "prison",
    "프로그램": "programme",
    "플랫폼": "platform",
    "부패": "corruption",
    "환경": "environmental",
    "마약": "drugs|drug",
    "테러": "terrorism",
    "사이버": "cyber|cybercrime",
    "인신매매": "trafficking",
    "이주민 밀입국": "smuggling of migrants",
    "회복적 사법": "restorative justice",
    "뉴스레터": "newsletter",
    "집행이사회": "Governing Board",
    "이사회": "board",
    "특별회의": "extraordinary meeting",
    "국제포럼": "International Forum",
    "미국": "American United States",
    # The field's common vocabulary (criminal justice, crime prevention, the work of research institutes),
    # written from the subject, not from any question: what a Korean reader asks about in any report.
    "주제": "theme|topic",
    "파트너십": "partnership",
    "공동 주최": "co-organized|jointly",
    "주최": "hosted|organized",
    "개최": "held|hosted",
    "설립": "established|founded",
    "발간": "published",
    "출판": "published|publication",
    "전문가": "experts",
    "연구원들": "researchers",
    "경찰": "police",
    "검사": "prosecutors",
    "판사": "judges",
    "법원": "court",
    "피해자": "victims",
    "아동": "children|child",
    "청소년": "juvenile|youth",
    "폭력": "violence",
    "범죄 예방": "crime prevention",
    "형사사법": "criminal justice",
    "교정": "corrections|correctional",
    "보호관찰": "probation",
    "재범": "reoffending|recidivism",
    "사회복귀": "reintegration|rehabilitation",
    "수감자": "prisoners|inmates",
    "재소자": "prisoners|inmates",
    "지역사회": "community",
    "자금세탁": "money laundering",
    "조직범죄": "organized crime",
    "초국가": "transnational",
    "폭력적 극단주의": "violent extremism",
    "극단주의": "extremism",
    "총기": "firearms",
    "야생동물": "wildlife",
    "인권": "human rights",
    "법치": "rule of law",
    "젠더": "gender",
    "성평등": "gender equality",
    "기술": "technology",
    "인공지능": "artificial intelligence",
    "데이터": "data",
    "통계": "statistics",
    "평가": "evaluation|assessment",
    "지침": "guidelines",
    "매뉴얼": "manual",
    "핸드북": "handbook",
    "교육과정": "course",
    "과정": "course|programme",
    "강좌": "course",
    "훈련": "training",
    "총회": "congress|general assembly",
    "사무국": "secretariat",
    "예산": "budget",
    "자금": "funding|funds",
    "기부": "contribution|donated",
    "후원": "sponsored|supported",
    "협약": "agreement",
    "시범": "pilot",
    "화상": "video|virtual",
    "온라인": "online",
    "대면": "in-person|face-to-face",
    "하이브리드": "hybrid",
}


def english_terms(question: str) -> str:
    """The English renderings of the glossary terms in a Korean ``question``, space-joined."""
    compact = " ".join(question.split())
    return " ".join(english for korean, english in KO_EN.items() if korean in compact)


# Korean particles (josa), a closed class of the language, longest first: they attach to the word before.
_PARTICLES = re.compile(
    r"(?<=[가-힣]{2})(?:에서는|에게서|으로서|으로써|으로는|에서|에게|께서|부터|까지|으로|처럼|보다|이나|"
    r"에는|은|는|이|가|을|를|의|에|로|와|과|도|만)$"
)


def korean_stem(word: str) -> str:
    """A Korean word without the particles it ends in ("국제학술회의는" -> "국제학술회의")."""
    # Until none is left: a syllable that can be a particle often ends a noun too ("회의", meeting; "전문가",
    # expert), and stripping every one gives the bare noun and the noun with its particle one form.
    while "가" <= word[-1:] <= "힣" and (stem := _PARTICLES.sub("", word)) != word:
        word = stem
    return word
