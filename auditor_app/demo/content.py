"""What the demo audit says: a toy factory in Dongguan, an annual audit, findings of every grade."""

from __future__ import annotations

from datetime import date
from typing import Any

FACTORY: dict[str, Any] = {
    "connect_id": "DEMO-F-CN-044871",  # DEMO-: never sent to the platform
    "name": "Dongguan Huaxing Toys Co., Ltd.",
    "name_local": "东莞华兴玩具有限公司",
    "address": "No. 18 Xingye Road, Changping Town, Dongguan, Guangdong, China",
    "address_local": "广东省东莞市常平镇兴业路18号",
    "country": "CN",
    "contact_name": "Zhang Jianguo 张建国",
    "contact_title": "HR & Administration Manager",
    "headcount_male": 312,
    "headcount_female": 468,
    "headcount_migrant": 590,
    "headcount_young": 3,
    "shifts": 2,
    "departments": ["Injection moulding 注塑", "Spray painting 喷油", "Assembly 装配", "Packing 包装",
                    "Warehouse 仓库", "Quality control 品检", "Security 保安", "Canteen 食堂", "Cleaning 清洁"],
    "has_dormitory": True,
    "has_canteen": True,
    "other_sites": [{"name": "Printing workshop 印刷车间", "address": "Building C, 4F, same compound",
                     "activity": "pad printing of toy parts"}],
}

AUDIT: dict[str, Any] = {  # create_audit's keyword arguments
    "audit_type": "IAA",
    "planned_start": date(2026, 11, 18),
    "planned_end": date(2026, 11, 19),
    "team": [{"name": "Li Na 李娜", "role": "lead auditor"}, {"name": "Chen Wei 陈伟", "role": "auditor"}],
    "audit_firm": "Pearl River Assurance Ltd.",
    "previously_certified": True,
    "current_status": "certified",
}
ACTUAL_START = date(2026, 11, 18)

ATTENDEES = [
    {"name": "Zhang Jianguo 张建国", "title": "HR & Administration Manager", "side": "factory"},
    {"name": "Wu Meiling 吴美玲", "title": "General Manager", "side": "factory"},
    {"name": "Huang Qiang 黄强", "title": "EHS Officer", "side": "factory"},
    {"name": "Liu Fang 刘芳", "title": "Worker representative", "side": "factory"},
    {"name": "Li Na 李娜", "title": "Lead auditor", "side": "audit"},
    {"name": "Chen Wei 陈伟", "title": "Auditor", "side": "audit"},
]

TOUR_AREAS = [
    ("production", "Building A 1F - injection moulding", "42 machines, 2 shifts. Guards missing on two punch presses."),
    ("production", "Building A 3F - assembly lines 1-6", "About 260 workers. Rear exit locked with a chain at 10:20."),
    ("production", "Building C 4F - printing workshop", "Pad printing, 14 workers; not in the profile held by the program; management disclosed it at the opening meeting."),
    ("warehouse", "Building B - finished goods warehouse", "Aisles marked; cartons stacked 2.5 m, stable."),
    ("dormitory", "Dormitory block D", "8 per room, separated by gender; extension leads and rice cookers in rooms."),
    ("canteen", "Canteen and kitchen", "Health permit posted; refuse bins overflowing behind the kitchen."),
]

# (checkpoint, fields, photo kind or None, tour area index or None, CAP)
FINDINGS: list[tuple[str, dict[str, Any], str | None, int | None, tuple[str, str]]] = [
    ("9.6.3", {"description": "No PPE requirement or noise warning signs at the 42 injection moulding machines.",
               "frequency": "All injection machines", "workers_affected": 60, "systemic": True},
     None, 0, ("Post PPE and hearing-protection signs at every machine.", "Add signage to the monthly EHS inspection list.")),
    ("12.1.5", {"description": "Workers cannot see their own clock-in records; the time system has no kiosk and HR does not show records on request.",
                "frequency": "All workers", "workers_affected": 780, "systemic": True},
     None, None, ("Install a self-service kiosk for time records.", "Monthly signed time summaries for every worker.")),
    ("9.3.3", {"description": "Extinguisher inspection tags on 2F and 3F not signed for September and October 2026.",
               "frequency": "2 floors, 2 months", "workers_affected": 0},
     None, 1, ("Inspect all extinguishers and sign the tags.", "Assign an EHS officer per building for monthly checks.")),
    ("7.5.3", {"description": "Refuse bins behind the kitchen overflowing; waste on the ground attracting pests.",
               "frequency": "Observed on both days", "workers_affected": 0},
     None, 5, ("Daily removal of canteen refuse.", "Contract with the town sanitation service.")),
    ("6.2.2", {"description": "23 of 26 workers interviewed said they never received a copy of their signed labor contract; HR keeps all copies.",
               "frequency": "88 % of interviewed workers", "workers_affected": 690, "systemic": True},
     None, None, ("Hand every worker a signed copy and record receipt.", "Contract hand-over step added to the onboarding checklist.")),
    ("10.4.5", {"description": "No written list of tasks suitable for juvenile workers; the three 17-year-olds work on assembly lines including glue stations.",
                "frequency": "3 juvenile workers", "workers_affected": 3},
     None, 1, ("Write the list of suitable tasks and reassign the juvenile workers.", "HR checks placement of every juvenile worker at hiring.")),
    ("11.7.2", {"description": "Pregnant workers receive no reduced-hours allowance or prenatal check leave; 4 pregnant workers on the night shift in October.",
                "frequency": "4 workers", "workers_affected": 4},
     None, None, ("Pay the allowances owed since hiring of each pregnant worker.", "Pregnancy register kept by HR with monthly review.")),
    ("9.5.1", {"description": "Punch presses #7 and #9 operate without the two-hand control or light curtain; guard removed 'for speed'.",
               "frequency": "2 of 6 presses", "workers_affected": 4},
     "machine", 0, ("Refit guards and two-hand controls today; lock out until done.", "Weekly guard check by the line supervisor.")),
    ("9.2.2", {"description": "Rear emergency exit of the 3F assembly workshop locked with a chain and padlock during working hours (10:20, 18 Nov); cartons stacked against it.",
               "frequency": "1 exit, observed once", "workers_affected": 260},
     "exit", 1, ("Remove the chain and the cartons immediately.", "Exit checks twice per shift, recorded by security.")),
    ("12.3.1", {"description": "Time records show assembly workers worked 14 consecutive days (3-16 August 2026) during the peak season.",
                "frequency": "Peak season, assembly department", "workers_affected": 260, "systemic": True},
     "records", None, ("Schedule one rest day in every 7 for every worker.", "Production planning caps consecutive working days at 6.")),
    ("11.4.1", {"description": "A second payroll for August found in the HR office differs from the one presented: overtime hours and pay lower in the presented set. The factory acknowledged both sets when asked.",
                "frequency": "August 2026", "workers_affected": 260, "record_inconsistency": True, "transparent": True},
     None, None, ("Keep one payroll from the time system only.", "Monthly payroll reconciliation signed by finance and the worker representative.")),
    ("1.1.3", {"description": "Printing workshop (Building C 4F, 14 workers) not declared in the factory profile; management disclosed it at the opening meeting.",
               "frequency": "1 site", "workers_affected": 14, "transparent": True},
     None, 2, ("Declare the printing workshop on Connect.", "Profile review before every audit.")),
    ("10.2.2", {"description": "Two workers aged 15 found in packing (born 2011), hired in October through a labor agency with borrowed identity cards. The factory disclosed both at the opening meeting.",
                "frequency": "2 workers", "workers_affected": 2, "transparent": True, "grade": "zero_tolerance"},
     None, None, ("Remove both children from work, pay them, start remediation with their families and school.", "Face-to-face ID check by HR for every new hire; end the agency contract.")),
    ("10.4.3", {"description": "A 17-year-old worker works at the glue station on assembly line 3, handling solvent-based adhesive without a respirator.",
                "frequency": "1 juvenile worker", "workers_affected": 1},
     None, None, ("Move the juvenile worker off the glue station today to a task on the suitable-task list.", "HR checks the placement of every juvenile worker against the list at hiring and monthly.")),
    ("8.3.1", {"description": "Five packing workers hired in October through a labor agency each paid the agent a CNY 600 'introduction fee'.",
               "frequency": "5 of 5 in the group interview", "workers_affected": 5, "systemic": True},
     None, None, ("Repay the CNY 600 to every worker who paid it, with proof of payment.", "Agency contract forbids any fee to workers; quarterly check by interviews of new hires.")),
    ("12.2.2", {"description": "Security guards work 12-hour shifts six days a week: 72 hours in every week of the three months sampled.",
                "frequency": "All 8 security guards, 13 weeks", "workers_affected": 8, "systemic": True},
     None, None, ("Hire two more guards and move to 8-hour shifts.", "Weekly hours of guards checked by HR; no week over 60 hours.")),
    ("12.2.4", {"description": "Security guards' overtime is about 120 hours a month, far over the legal 36 hours.",
                "frequency": "All 8 security guards, 3 months", "workers_affected": 8, "systemic": True},
     None, None, ("Reduce guards' overtime to the legal limit with the new shift plan.", "Monthly overtime report per worker reviewed by the general manager.")),
]

EXTRA_PHOTOS = [("dormitory", 4, "Dormitory D room 312: extension leads and a rice cooker"),
                ("chemicals", 0, "Paint and solvent drums in the spray-painting store")]

INTERVIEW_NOTES = [
    ("individual", "Said the HR office keeps the contract; never saw her copy.", "I signed but they kept the paper."),
    ("individual", "Peak season: no day off for two weeks in August; overtime paid by hours on the card.", "In August we did not rest for two weeks."),
    ("individual", "Knows the worker representative; says the committee meets monthly.", ""),
    ("individual", "Night shift; pregnant 5 months; no change of hours offered.", ""),
    ("individual", "Security guard, 12 h shifts, 6 days.", "We work twelve hours, every day except Sunday."),
    ("individual", "Juvenile worker, 17, works at the glue station on line 3.", ""),
    ("group", "Group of 4 from injection: satisfied with canteen; complain about noise and no ear plugs.", "The machines are very loud and nobody gives us ear plugs."),
    ("group", "Group of 5 from packing: new hires, came through an agency, paid CNY 600 'introduction fee'.", "We paid the agent 600 yuan to get this job."),
]

# The findings each interview above supports, by its place in INTERVIEW_NOTES: cited as evidence
# ("Interview W-03 (individual)") in the report and the CAP.
INTERVIEW_CITES = {
    0: ("6.2.2",),   # "I signed but they kept the paper."
    1: ("12.3.1",),  # "In August we did not rest for two weeks."
    3: ("11.7.2",),  # pregnant, on the night shift
    4: ("12.2.2", "12.2.4"),  # security guard: twelve hours, six days a week
    5: ("10.4.5", "10.4.3"),  # 17 years old, at the glue station
    6: ("9.6.3",),   # group from injection: loud machines, no ear plugs
    7: ("8.3.1",),   # group from packing: paid the agent 600 yuan
}

# The demo Progress Visit's worker survey, under way: five workers chosen on the floor have answered.
_SURVEY_USUAL = {"paid_on_time": "yes", "payslip": "yes", "rest_day": "yes", "overtime_voluntary": "yes",
                 "fees_or_deposit": "no", "documents_kept": "no", "free_to_leave": "yes", "safety_training": "yes",
                 "harsh_treatment": "no", "grievance_channel": "yes"}
SURVEY_STARTED = [
    {**_SURVEY_USUAL, "weekly_hours": "up_to_60", "since_last_audit": "better"},
    {**_SURVEY_USUAL, "weekly_hours": "over_60", "rest_day": "no", "since_last_audit": "same"},
    {**_SURVEY_USUAL, "weekly_hours": "up_to_60", "payslip": "unsure", "since_last_audit": "better"},
    {**_SURVEY_USUAL, "weekly_hours": "up_to_44", "grievance_channel": "no", "since_last_audit": "better"},
    {**_SURVEY_USUAL, "weekly_hours": "over_60", "since_last_audit": "same"},
]
