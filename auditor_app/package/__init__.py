"""The audit as a document: canonical JSON, the seal, and the portable `.escp` file. No Qt."""
