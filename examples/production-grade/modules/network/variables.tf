variable "name" {
  description = "Prefix for resource names."
  type        = string
}

variable "cidr_block" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "availability_zones" {
  description = "Zones to create one public and one private subnet in."
  type        = list(string)
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group."
  type        = number
}

variable "flow_log_kms_key_arn" {
  description = "KMS key that encrypts the flow log group."
  type        = string
}
