variable "fail_db_password" {
  type    = string
  default = "hunter2-prod"
}

variable "fail_api_token" {
  type      = string
  default   = "ghp_0123456789abcdefexample"
  sensitive = true
}

# Declared sensitive: whatever its name, a literal default is committed.
variable "fail_marked_sensitive" {
  type      = string
  default   = "s3cr3t-value"
  sensitive = true
}

variable "pass_registry_password" {
  type      = string
  sensitive = true
}

variable "pass_empty_secret" {
  type    = string
  default = ""
}

# Says where the key is, not the key.
variable "skip_ssh_private_key_file" {
  type    = string
  default = "~/.ssh/id_ed25519"
}

variable "skip_region" {
  type    = string
  default = "eu-west-1"
}

variable "fail_bootstrap_url" {
  type    = string
  default = "https://deploy:Sup3rS3cret@artifacts.example.com/bootstrap.sh"
}

variable "skip_use_token_switch" {
  type    = bool
  default = true
}

source "null" "x" {
  communicator = "none"
}

build {
  sources = ["source.null.x"]
}

# Vagrant's base box credentials are public by design.
variable "pass_vagrant_ssh_password" {
  type    = string
  default = "vagrant"
}
