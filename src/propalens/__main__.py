from propalens.cli import app

app(prog_name="propalens")
