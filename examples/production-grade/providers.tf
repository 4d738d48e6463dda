provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# Second region: automated database backups are copied here.
provider "aws" {
  alias  = "dr"
  region = var.dr_region

  default_tags {
    tags = local.tags
  }
}
