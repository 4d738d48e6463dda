variable "replica_pitr" {
  type = bool
}

variable "replica_regions" {
  type = list(string)
}

locals {
  regions = ["us-east-1", "ap-southeast-2"]
}

resource "aws_dynamodb_table" "pass_all_replicas" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name            = "us-east-1"
    point_in_time_recovery = true
  }
  replica {
    region_name            = "eu-central-1"
    point_in_time_recovery = true
  }
}

resource "aws_dynamodb_table" "pass_dynamic_from_local" {
  name             = "carts"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  dynamic "replica" {
    for_each = local.regions
    content {
      region_name            = replica.value
      point_in_time_recovery = true
    }
  }
}

# The table's own PITR covers only its region; the replica is left without.
resource "aws_dynamodb_table" "fail_replica_omitted" {
  name             = "sessions"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name = "us-east-1"
  }
}

resource "aws_dynamodb_table" "fail_one_of_two" {
  name             = "events"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  replica {
    region_name            = "us-east-1"
    point_in_time_recovery = true
  }
  replica {
    region_name            = "us-west-2"
    point_in_time_recovery = false
  }
}

resource "aws_dynamodb_table" "unknown_from_variable" {
  name             = "audit"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  replica {
    region_name            = "us-east-1"
    point_in_time_recovery = var.replica_pitr
  }
}

resource "aws_dynamodb_table" "unknown_dynamic_regions" {
  name             = "ledger"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name = replica.value
    }
  }
}

# Not a global table: aws-dynamodb-pitr judges it, this rule does not.
resource "aws_dynamodb_table" "skip_single_region" {
  name         = "local"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

variable "dr_region" {
  type = string
}

# Where the replica runs is not known, whether it exists is: it has no PITR.
# The rule cannot tell this from a dynamic block over an empty collection,
# so it says unknown rather than guess.
resource "aws_dynamodb_table" "unknown_region_from_variable" {
  name             = "payments"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  replica {
    region_name = var.dr_region
  }
}
