"""The speed-dating planner: pure Python with numpy and scipy, importing nothing from Django
(an import-linter contract keeps it so), so that it runs the same behind the web pages,
``maillage plan_meetings`` and the benchmark.

- ``instance``: the input format (contracts.md), its checks and documented behaviours;
- ``bounds``: the LP relaxation (the upper bound) and a cheap fallback bound;
- ``baselines``: greedy and round-by-round maximum-weight assignment;
- ``colouring``: equitable edge colouring of the chosen pairs into rounds;
- ``optimiser``: LP → colouring → local search → fill, never below the baseline;
- ``validate``: an independent check of the hard constraints;
- ``planner``: ``plan_meetings(instance_dict) -> plan_dict``.
"""

from maillage.events.scheduling.instance import PlanningError, parse_instance
from maillage.events.scheduling.planner import plan_meetings
from maillage.events.scheduling.validate import validate_plan

__all__ = ["PlanningError", "parse_instance", "plan_meetings", "validate_plan"]
