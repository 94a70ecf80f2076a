"""Only what pyproject.toml cannot say: the packages, and resources/ installed as package data.

The rule and checklist files stay in the top-level `resources/` folder of the checkout; the wheel
carries them as `auditor_app/_resources/` (a data folder of the `auditor_app` package, no Python in
it), where `auditor_app.resources.resources_dir()` finds them through importlib.resources. In a
checkout or an editable install the folder is read where it is. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

RESOURCES = "auditor_app._resources"

setup(
    packages=[
        *find_namespace_packages(include=["auditor_app*", "connect_server*"], exclude=["*__pycache__*"]),
        RESOURCES,
        # Its sub-folders with importable names too, or setuptools warns that data is installed as packages.
        *(f"{RESOURCES}.{name}" for name in find_namespace_packages(where="resources")),
    ],
    package_dir={RESOURCES: "resources"},
)
