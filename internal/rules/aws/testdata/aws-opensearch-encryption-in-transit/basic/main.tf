variable "nodes" {
  type = number
}

locals {
  tls = "Policy-Min-TLS-1-2-PFS-2023-10"
}

resource "aws_opensearch_domain" "pass_all" {
  domain_name = "search"
  cluster_config {
    instance_count = 3
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    tls_security_policy = local.tls # enforce_https defaults to true in the block
  }
}

# One node: no traffic between nodes.
resource "aws_opensearch_domain" "pass_single_node" {
  domain_name = "small"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_opensearch_domain" "fail_no_endpoint_options" {
  domain_name = "nohttps"
}

resource "aws_opensearch_domain" "fail_tls10" {
  domain_name = "tls10"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}

resource "aws_opensearch_domain" "fail_no_policy" {
  domain_name = "nopolicy"
  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_opensearch_domain" "fail_http" {
  domain_name = "http"
  domain_endpoint_options {
    enforce_https       = false
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_elasticsearch_domain" "fail_no_node_to_node" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  cluster_config {
    instance_count = 2
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_opensearch_domain" "unknown_nodes" {
  domain_name = "var"
  cluster_config {
    instance_count = var.nodes
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
