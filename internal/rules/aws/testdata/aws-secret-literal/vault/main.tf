# Secrets read from Vault or Secrets Manager at apply time are not literals.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    vault = {
      source = "hashicorp/vault"
    }
  }
}

data "vault_kv_secret_v2" "db" {
  mount = "secret"
  name  = "orders/db"
}

data "aws_secretsmanager_secret_version" "cache" {
  secret_id = "orders/cache"
}

resource "aws_db_instance" "pass_from_vault" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  username          = "orders_admin"
  password          = data.vault_kv_secret_v2.db.data["password"]
}

resource "aws_elasticache_replication_group" "pass_from_secrets_manager" {
  replication_group_id       = "orders-cache"
  description                = "orders cache"
  engine                     = "redis"
  node_type                  = "cache.m6g.large"
  transit_encryption_enabled = true
  auth_token                 = data.aws_secretsmanager_secret_version.cache.secret_string
}

resource "aws_db_instance" "fail_literal" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  username          = "billing_admin"
  password          = "correct-horse-battery-staple"
}
