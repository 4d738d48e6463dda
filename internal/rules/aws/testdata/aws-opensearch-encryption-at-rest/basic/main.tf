variable "encrypt" {
  type = bool
}

resource "aws_opensearch_domain" "pass_encrypted" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.11"
  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_opensearch_domain" "fail_omitted" {
  domain_name = "logs"
}

resource "aws_opensearch_domain" "fail_disabled" {
  domain_name = "events"
  encrypt_at_rest {
    enabled = false
  }
}

resource "aws_opensearch_domain" "unknown_var" {
  domain_name = "var"
  encrypt_at_rest {
    enabled = var.encrypt
  }
}

# The older resource, with its provider default elasticsearch_version 1.5.
resource "aws_elasticsearch_domain" "fail_old_default_version" {
  domain_name = "legacy"
}

resource "aws_elasticsearch_domain" "pass_es7" {
  domain_name           = "legacy-7"
  elasticsearch_version = "7.10"
  encrypt_at_rest {
    enabled = true
  }
}
