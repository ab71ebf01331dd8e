from django.core.management.base import BaseCommand

from bench import synthetic


class Command(BaseCommand):
    help = (
        "Add synthetic data for benchmarks: events across the whole history, extra States and change history. "
        "For throw-away databases only (the benchmark's own); never run it on real data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000, help="Events to add (default 10,000).")
        parser.add_argument("--states", type=int, default=0, help="Extra States to add (at most about 470).")
        parser.add_argument("--history", type=int, default=100_000, help="History records to add (default 100,000).")

    def handle(self, *args, events, states, history, **options):
        synthetic.add_events(events)
        synthetic.add_states(states)
        synthetic.add_history(history)
        self.stdout.write(f"Added {events:,} events, {states:,} States and {history:,} history records.")
