"""Sentence classification (achievement / target / problem / other): pretraining, weak labels, fine-tuning,
the model, the pipeline component."""
