"""Packages for setuptools: govdoc_nlp, and the trained models in models/ installed as govdoc_nlp.models.

pyproject.toml holds everything else; this file exists only because that mapping of a top-level folder into the
package cannot be written there alongside package discovery.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["govdoc_nlp", "govdoc_nlp.*"]) + ["govdoc_nlp.models"],
    package_dir={"govdoc_nlp.models": "models"},
    package_data={"govdoc_nlp": ["data/*.tsv", "data/*.jsonl", "data/*.txt"],
                  "govdoc_nlp.models": ["*/*.json", "*/*.safetensors", "*/*.onnx", "*/*.md"]},
)
