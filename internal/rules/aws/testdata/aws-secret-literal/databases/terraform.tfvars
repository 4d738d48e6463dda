db_password_tfvars = "from-a-committed-tfvars-file"
