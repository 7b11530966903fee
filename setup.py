"""Build steps that pyproject.toml cannot declare: resources/ as a package, catalogues.

The top-level ``resources/`` folder is installed as the package
``ssa_wizard_resources`` (``ssa_wizard.resources`` finds it with
``importlib.resources``), and the gettext catalogues are compiled from their
``.po`` sources by Babel while the package is built, so no ``.mo`` is committed:

* ``build_py`` (wheel): into the build folder, beside the other package data;
* ``build_py`` in editable mode (``pip install -e .``): beside the ``.po`` in the
  checkout, where ``make locales`` would put them (git ignores them);
* ``sdist``: into the release tree, so an sdist carries the compiled catalogues too.

Everything else (metadata, dependencies, which files are package data) is in
pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
#: The installed name of the repository's top-level resources/ folder.
RESOURCES_PACKAGE = "ssa_wizard_resources"
DOMAIN = "ssa_wizard"


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Compile every ``locale/<lang>/LC_MESSAGES/*.po`` below ``source`` into ``target``.

    Fuzzy entries are used, as ``make locales`` does (``--use-fuzzy``). Returns the
    ``.mo`` files written.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(source.glob(f"locale/*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parts[-3], domain=DOMAIN)
        errors = [(message.id, errs) for message, errs in catalog.check() if errs]
        if errors:
            raise SystemExit(f"{po}: {len(errors)} broken entries, first: {errors[0]}")
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=True)
        written.append(mo)
    if not written:
        raise SystemExit(f"no {DOMAIN}.po below {source / 'locale'}")
    return written


class BuildPyWithCatalogues(build_py):
    """build_py, then the compiled catalogues as package data of the resources."""

    def run(self) -> None:
        super().run()
        source = ROOT / "resources"
        if self.editable_mode:
            compile_catalogues(source, source)  # the checkout is what gets imported
        else:
            target = Path(self.build_lib, *RESOURCES_PACKAGE.split("."))
            compile_catalogues(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            target = Path(self.build_lib, *RESOURCES_PACKAGE.split("."))
            outputs += [str(target / po.relative_to(ROOT / "resources").with_suffix(".mo"))
                        for po in (ROOT / "resources").glob(f"locale/*/LC_MESSAGES/{DOMAIN}.po")]
        return outputs


class SdistWithCatalogues(sdist):
    """sdist whose release tree holds the compiled catalogues beside their sources."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        release = Path(base_dir) / "resources"
        compile_catalogues(release, release)


setup(
    packages=find_packages(include=["ssa_wizard", "ssa_wizard.*", "ui", "ui.*"]) + [RESOURCES_PACKAGE],
    package_dir={RESOURCES_PACKAGE: "resources"},
    cmdclass={"build_py": BuildPyWithCatalogues, "sdist": SdistWithCatalogues},
)
