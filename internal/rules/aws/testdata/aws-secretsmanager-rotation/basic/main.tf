resource "aws_secretsmanager_secret" "pass_by_reference" {
  name = "shop/db"
}

resource "aws_secretsmanager_secret_rotation" "by_reference" {
  secret_id           = aws_secretsmanager_secret.pass_by_reference.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-db"
  rotation_rules {
    automatically_after_days = 30
  }
}

# secret_id may be the secret's name.
resource "aws_secretsmanager_secret" "pass_by_name" {
  name = "shop/api"
}

resource "aws_secretsmanager_secret_rotation" "by_name" {
  secret_id           = "shop/api"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate-api"
  rotation_rules {
    schedule_expression = "rate(30 days)"
  }
}

locals {
  secrets = toset(["orders", "billing"])
}

resource "aws_secretsmanager_secret" "pass_each" {
  for_each = local.secrets
  name     = "shop/${each.key}"
}

resource "aws_secretsmanager_secret_rotation" "each" {
  for_each            = local.secrets
  secret_id           = aws_secretsmanager_secret.pass_each[each.key].id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "fail_never_rotated" {
  name = "shop/legacy"
}

# Another secret's rotation is no evidence for this one.
resource "aws_secretsmanager_secret" "fail_other_rotated" {
  name_prefix = "shop/cache-"
}

# RDS rotates the password it manages; that secret is not a resource here
# and this rotation points at the database, not at any secret above.
resource "aws_db_instance" "db" {
  identifier                  = "shop"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "shop"
  manage_master_user_password = true
}

resource "aws_secretsmanager_secret_rotation" "rds" {
  secret_id = aws_db_instance.db.master_user_secret[0].secret_arn
  rotation_rules {
    automatically_after_days = 7
  }
}
