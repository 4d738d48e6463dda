variable "access_key" {
  type = string
}

variable "secret_key" {
  type = string
}

provider "aws" {
  alias      = "fail_static_keys"
  region     = "eu-west-1"
  access_key = "AKIAEXAMPLEEXAMPLE00"
  secret_key = "example/secret/key/value/not/real/000000"
}

provider "aws" {
  alias      = "pass_keys_from_environment"
  region     = "eu-west-1"
  access_key = var.access_key
  secret_key = var.secret_key
}

provider "aws" {
  alias  = "pass_role_credentials"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/deploy"
  }
}
