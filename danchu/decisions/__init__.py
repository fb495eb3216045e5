"""Dân bàn và quyết định (Law 10/2022/QH15 Arts 15–24; ND 59/2023; ND 61/2023).

So far only the legal rules (``domain/rules.py``); matters, meetings, ballots and decisions follow.
"""
