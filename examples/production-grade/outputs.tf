output "alb_dns_name" {
  description = "Point the shop's DNS record at this name."
  value       = aws_lb.app.dns_name
}

output "db_endpoint" {
  value = aws_db_instance.main.endpoint
}

output "db_master_secret_arn" {
  description = "Secrets Manager secret holding the rotated master password."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}
