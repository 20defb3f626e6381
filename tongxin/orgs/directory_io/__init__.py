"""The 通讯录 import and export: one template (units, people, accounts) and the rosters offices already keep."""
