variable "region" {
  description = "Primary AWS region."
  type        = string
}

variable "dr_region" {
  description = "Region that receives copies of database backups."
  type        = string
}

variable "environment" {
  description = "Deployment environment name (used in names and tags)."
  type        = string

  validation {
    condition     = contains(["staging", "prod"], var.environment)
    error_message = "environment must be staging or prod."
  }
}

variable "service" {
  description = "Short service name, used as a prefix for resource names."
  type        = string
  default     = "shop"
}

variable "owner" {
  description = "Team that owns and is paged for this stack."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; subnets are carved from it."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Exactly three zones to spread subnets, instances and the database over."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "Give exactly three availability zones."
  }
}

variable "ami_id" {
  description = "Immutable, pre-baked application image (built by the image pipeline)."
  type        = string
}

variable "instance_type" {
  description = "Instance type of the application servers."
  type        = string
  default     = "m7g.large"
}

variable "app_port" {
  description = "Port the application listens on behind the load balancer."
  type        = number
  default     = 8080
}

variable "asg_min_size" {
  type    = number
  default = 3
}

variable "asg_max_size" {
  type    = number
  default = 12
}

variable "cpu_target" {
  description = "Average CPU utilisation the scaling policy keeps the group at."
  type        = number
  default     = 50
}

variable "certificate_arn" {
  description = "ACM certificate for the public HTTPS listener."
  type        = string
}

variable "db_instance_class" {
  type    = string
  default = "db.m7g.large"
}

variable "db_allocated_storage" {
  description = "Initial storage in GiB; storage autoscaling grows it up to db_max_allocated_storage."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  type    = number
  default = 500
}

variable "db_backup_retention_days" {
  type    = number
  default = 14
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps application and infrastructure logs."
  type        = number
  default     = 90
}

variable "alarm_email" {
  description = "Address of the on-call mailing list that receives alarms."
  type        = string
}

variable "vendor_key_rotation_lambda_arn" {
  description = "Rotation function for third-party API keys, run by the security team."
  type        = string
}
