resource "aws_opensearch_domain" "fail_automated_only" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "fail_legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
}
