# A child module has no backend of its own; the root's applies.
terraform {
  required_version = ">= 1.6.0"
}
