# ruff: noqa: E501
"""Descriptor sentences: short, typical utterances in which a reader would perceive each expression.

They serve two documented purposes in the training script: (1) prototypes for the dimensions that no
training corpus labels (the mean sentence vector of a dimension's descriptors; texts are scored by their
similarity to it, calibrated against ordinary text), and (2) the valence/arousal/dominance coordinates in
`tonesense.taxonomy`, read by the EmoBank-trained V/A/D head from every dimension's descriptors.
Written for this project (no external lexicon), so they carry the project's licence.

`CONTRASTS` holds, for a dimension whose descriptors share their words with a different reading, the same
sentences said plainly and a weight: the prototype is then the unit mean of the descriptors minus weight
times the unit mean of the contrasts, so it points at what tells the two readings apart. Sarcasm needs it:
its descriptors are made of thanks and praise, and the plain mean scored "Thank you." (0.54) above most
sarcastic remarks (sarcastic vs plain AUC 0.46 on the project's DEV sentences, 0.78 with the contrast; the
weight 0.75 was picked there, `tests/expression/test_language_sarcasm.py` holds separate TEST sentences).
"""

from __future__ import annotations

__all__ = ["CONTRASTS", "DESCRIPTORS"]

DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "Admiration": ("I really admire how you handled that.", "She is incredibly talented.", "What an impressive achievement, well done.", "I look up to him so much."),
    "Adoration": ("Oh my god, that puppy is so adorable!", "I adore you, sweetheart.", "Look at those tiny little shoes, so cute!", "You are the most precious thing in the world."),
    "Aesthetic Appreciation": ("What a beautiful painting, the colours are gorgeous.", "This melody is exquisite.", "The architecture here is stunning.", "Such an elegant, lovely design."),
    "Amusement": ("Haha, that is hilarious!", "lol that joke cracked me up", "That was so funny, I can't stop laughing.", "You're killing me, that's too funny."),
    "Anger": ("I am furious with you!", "How dare you do that to me!", "This makes me so angry I could scream.", "Get out of my face right now!"),
    "Annoyance": ("Ugh, this is so annoying.", "Can you stop doing that already?", "Seriously, again? I'm sick of this.", "This stupid thing keeps breaking."),
    "Anxiety": ("I'm so nervous about the exam tomorrow.", "What if something goes wrong?", "I can't stop worrying about it.", "My heart is racing, I'm really anxious."),
    "Awe": ("Wow, the view from up here is breathtaking.", "I can't believe how vast the universe is.", "That was simply awe-inspiring.", "Standing under the waterfall left me speechless."),
    "Awkwardness": ("Um, well, this is a bit awkward.", "So... yeah. Anyway.", "I didn't know what to say, it was so uncomfortable.", "Oops, sorry, I thought you were someone else."),
    "Boredom": ("I'm so bored, there's nothing to do.", "This lecture is dragging on forever.", "Same old thing every day, how dull.", "Meh, whatever, this is boring."),
    "Calmness": ("Everything is peaceful and quiet now.", "Just relax and take a deep breath.", "I feel calm and at ease.", "It's a slow, gentle, quiet evening."),
    "Concentration": ("Hold on, let me focus on this for a second.", "I need to concentrate on the numbers.", "Quiet please, I'm working through the problem step by step.", "Let me read that carefully again."),
    "Confusion": ("Wait, what? I don't understand.", "Huh? What do you mean by that?", "I'm confused, which one is it?", "That doesn't make any sense to me."),
    "Contemplation": ("I wonder what it all means in the end.", "Let me think about that for a while.", "Sometimes I reflect on the choices I've made.", "Hmm, that's something to ponder."),
    "Contempt": ("People like you are beneath me.", "Pathetic. What a joke of a person.", "I can't believe anyone takes him seriously.", "Oh please, spare me your nonsense."),
    "Contentment": ("I'm happy with how things are.", "Life is good right now.", "A warm cup of tea and a good book, this is nice.", "I feel satisfied and at peace."),
    "Craving": ("I'm dying for a slice of pizza right now.", "I could really go for some chocolate.", "I need coffee so badly.", "I'm craving a cold beer."),
    "Desire": ("I really want that new car.", "I wish I could have one of those.", "I want you so much.", "I'd love to go there someday."),
    "Determination": ("I will finish this no matter what.", "Nothing is going to stop me.", "I'm going to keep trying until I succeed.", "We can do this, let's push through."),
    "Disappointment": ("That's a letdown, I expected more.", "I'm so disappointed it didn't work out.", "Oh well, I had hoped for better.", "What a shame, the show was cancelled."),
    "Disapproval": ("I don't think that's right at all.", "That's a bad idea, you shouldn't do it.", "I disagree with this decision.", "That's not acceptable behaviour."),
    "Disgust": ("Ew, that's disgusting.", "That smell makes me want to throw up.", "Gross, there's hair in my food.", "That's revolting and vile."),
    "Distress": ("Please help me, I don't know what to do!", "Everything is falling apart and I can't cope.", "I'm panicking, this is terrible.", "I'm so overwhelmed and upset."),
    "Doubt": ("I'm not sure that's true.", "I doubt it will work.", "Are you sure about that?", "Hmm, I'm skeptical of that claim."),
    "Ecstasy": ("This is the best moment of my life!", "I'm on cloud nine, pure bliss!", "I'm so overjoyed I could burst!", "Yes! Yes! This is amazing beyond words!"),
    "Embarrassment": ("Oh no, that's so embarrassing.", "I wanted the ground to swallow me up.", "I blushed so hard when they noticed.", "How mortifying, everyone saw me trip."),
    "Empathic Pain": ("I'm so sorry for your loss.", "It breaks my heart to see you suffer.", "I feel terrible for what you're going through.", "My heart goes out to the families of the victims."),
    "Enthusiasm": ("Let's do it, I'm totally in!", "I'd love to help with that!", "This is such a great idea, I can't wait to start!", "Count me in, sounds awesome!"),
    "Entrancement": ("I was completely mesmerized by the music.", "I couldn't take my eyes off the dancers.", "The story held me spellbound.", "I lost track of time, utterly captivated."),
    "Envy": ("I'm so jealous of your vacation.", "Why does she always get everything?", "I wish I had his money.", "Must be nice to be so lucky."),
    "Excitement": ("I'm so excited for tomorrow!", "I can't wait, this is going to be awesome!", "Woohoo, we're going to the concert!", "This is so thrilling!"),
    "Fear": ("I'm scared, someone is outside.", "I'm terrified of what might happen.", "Please don't hurt me.", "That noise frightened me."),
    "Gratitude": ("Thank you so much!", "I really appreciate your help.", "Thanks a lot, that means a lot to me.", "I'm so grateful for everything you've done."),
    "Guilt": ("I'm so sorry, it was my fault.", "I feel terrible about what I did.", "I shouldn't have lied to you.", "I regret hurting you."),
    "Horror": ("Oh my god, there's blood everywhere.", "That was the most horrifying thing I've ever seen.", "The scene was gruesome and terrifying.", "I screamed when I saw the body."),
    "Interest": ("Oh, tell me more about that.", "That's interesting, how does it work?", "I'm curious, what happened next?", "I'd like to learn more about this."),
    "Joy": ("I'm so happy today!", "This is wonderful news!", "What a lovely day, I feel great.", "I'm delighted to hear that."),
    "Love": ("I love you so much.", "You mean everything to me.", "I love spending time with my family.", "My heart is full of love for you."),
    "Nostalgia": ("I miss the good old days.", "This song takes me back to my childhood.", "Remember when we used to play here as kids?", "Those summers at grandma's house were the best."),
    "Pain": ("It hurts so much.", "My back is killing me.", "Ouch, that really hurt.", "The pain is unbearable."),
    "Pride": ("I'm so proud of what I've achieved.", "I did it all by myself.", "I'm proud of you, son.", "We earned this win."),
    "Realization": ("Oh, now I get it!", "Wait, I just realized something.", "So that's why it happened.", "Ah, it finally makes sense."),
    "Relief": ("Phew, that was close.", "Thank goodness it's over.", "What a relief, everyone is safe.", "I can finally breathe again."),
    "Romance": ("I can't stop thinking about you, darling.", "Our candlelit dinner under the stars was magical.", "Will you be my valentine?", "I fell in love with you the moment we met."),
    "Sadness": ("I feel so sad and alone.", "I miss her so much it hurts.", "I've been crying all day.", "Nothing makes me happy anymore."),
    "Sarcasm": ("Oh great, just what I needed today.", "Yeah, right, like that's ever going to happen.", "Wow, thanks a lot for nothing.", "Sure, because that worked so well last time."),
    "Satisfaction": ("That turned out perfectly.", "Great job, that's exactly what I wanted.", "Finally, everything works.", "I'm pleased with the result."),
    "Shame": ("I'm ashamed of myself.", "I can't face anyone after what I did.", "I feel so worthless and disgraced.", "I'm too ashamed to tell anyone."),
    "Surprise (negative)": ("What? No way, that's terrible!", "Oh no, I didn't see that coming.", "I was shocked to hear the bad news.", "Wait, they fired him? Unbelievable."),
    "Surprise (positive)": ("Wow, what a wonderful surprise!", "No way, you got me a present?", "I can't believe we won!", "Oh wow, I didn't expect that, amazing!"),
    "Sympathy": ("I'm here for you if you need anything.", "That must be really hard for you.", "Take care of yourself, I hope you feel better soon.", "Don't worry, it will be okay."),
    "Tiredness": ("I'm so tired, I need to sleep.", "I'm exhausted after this long day.", "I can barely keep my eyes open.", "I'm worn out and drained."),
    "Triumph": ("We won! We actually won!", "Victory is ours!", "I beat them all, I'm the champion!", "Finally, I crushed it!"),
}  # fmt: skip

CONTRASTS: dict[str, tuple[tuple[str, ...], float]] = {
    "Sarcasm": (("Great, this is just what I needed today, thank you!", "Yes, I'm sure that's going to happen.", "Thanks a lot, that was a big help.", "Sure, that worked really well last time."), 0.75),
}  # fmt: skip
